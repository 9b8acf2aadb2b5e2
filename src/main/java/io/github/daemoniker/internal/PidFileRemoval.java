package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The removal of a pid file: only while its lock is held here, only while the path still names
 * the file that was locked, and only while it holds nothing or the pid it is removed for, so that
 * nothing another start or another program wrote meanwhile is ever deleted.
 */
final class PidFileRemoval {

    private PidFileRemoval() {
    }

    /**
     * Removes the pid file of {@code pid}, a process that is gone, if nobody holds its lock (taken
     * here for the removal) and it still holds that pid (with or without the newline other tools
     * leave out); whether the file is gone.
     */
    static boolean removeStale(Path path, long pid, Platform platform) {
        OpenPidFile file;
        try {
            file = platform.pidFiles().open(path, false);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw PidFiles.cannotOpen(path, e);
        }
        try (file) {
            return file.tryLock() && !platform.processes().isRunning(pid) && removeIfStill(path, file, pid);
        } catch (IOException e) {
            throw new DaemonizeException("pid file " + path + " of the dead daemon (pid " + pid
                    + ") could not be removed: " + e.getMessage(), e);
        }
    }

    static void removeQuietly(Path path, OpenPidFile file) {
        try {
            removeIfStill(path, file, 0);
        } catch (IOException | RuntimeException e) {
            // it stays, empty and unlocked: the next start takes it over
        }
    }

    /** Removes the file if it holds nothing or {@code pid} (0: only if it holds nothing); whether it did. */
    static boolean removeIfStill(Path path, OpenPidFile file, long pid) throws IOException {
        OpenPidFile.Content content = file.read();
        boolean ours = content.size() == 0 || pid != 0 && content.size() == content.head().length
                && PidFiles.parse(content.head()).orElse(0) == pid;
        // Linux has no unlink-if-this-inode: between the check and the unlink, only someone who may
        // write the directory could swap the file, and only in that instant
        if (ours && file.isAt(path)) {
            Files.deleteIfExists(path);
            return true;
        }
        return false;
    }
}
