package io.github.daemoniker.windows;

import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.PidFileAccess;
import io.github.daemoniker.internal.PidFiles;
import io.github.daemoniker.internal.ThisProcess;
import java.io.IOException;
import java.nio.file.Path;

/** Pid files locked with LockFileEx through the JDK; Windows cannot say who has a file open. */
final class WindowsPidFileAccess implements PidFileAccess {

    @Override
    public OpenPidFile open(Path path, boolean create) throws IOException {
        return JdkPidFile.open(path, create);
    }

    /** No mark: the daemon's LockFileEx, and its pid, written before ready, say a start is in progress. */
    @Override
    public boolean marksStart() {
        return false;
    }

    /**
     * For this process: whether the file at {@code path} is the one it holds locked (the JDK
     * knows its own locks by file identity). Windows cannot tell which files another process has
     * open; that process holds the lock only if it runs, and the holder is the one that writes
     * the pid, so for another process this says whether it runs.
     */
    @Override
    public boolean hasOpen(long pid, Path path) {
        if (pid != ThisProcess.pid()) {
            return WindowsProcesses.running(pid);
        }
        try {
            return PidFiles.isLocked(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Windows cannot tell which files another process has open. */
    @Override
    public long otherProcessWithOpen(Path path, long except) {
        return -1;
    }
}
