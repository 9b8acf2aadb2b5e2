package io.github.daemoniker.unix;

import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.PidFileAccess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** Linux: open-file-description locks and /proc; macOS: the JDK's locks, and only its own descriptors. */
final class UnixPidFileAccess implements PidFileAccess {
    private static final boolean LINUX = OperatingSystem.current() == OperatingSystem.LINUX;
    /** The kernel's list of this process's descriptors, each a link to what it has open. */
    static final Path DESCRIPTORS = Path.of(LINUX ? "/proc/self/fd" : "/dev/fd");

    static File descriptor(int fd) {
        return DESCRIPTORS.resolve(Integer.toString(fd)).toFile();
    }

    @Override
    public OpenPidFile open(Path path, boolean create) throws IOException {
        return LINUX ? UnixPidFile.open(path, create) : JdkPidFile.open(path, create);
    }

    /** Linux: an open-file-description lock passes to the relaunched process with its descriptor. */
    @Override
    public boolean handsLockOver() {
        return LINUX;
    }

    /** Through the kernel's list of the process's descriptors; on macOS, for this process only. */
    @Override
    public boolean hasOpen(long pid, Path path) {
        Object wanted;
        try {
            wanted = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return false;
        }
        Path descriptors = pid == ProcessHandle.current().pid() ? DESCRIPTORS : Path.of("/proc", Long.toString(pid), "fd");
        String[] fds = descriptors.toFile().list();
        for (String fd : fds == null ? new String[0] : fds) {
            try {
                File open = descriptors.resolve(fd).toFile();
                if (Objects.equals(wanted, Files.readAttributes(open.toPath(), BasicFileAttributes.class).fileKey())) {
                    return true;
                }
            } catch (IOException e) {
                // closed since the listing
            }
        }
        return false;
    }

    /** Linux: every process this user may look at, through /proc; -1 elsewhere. */
    @Override
    public long otherProcessWithOpen(Path path, long except) {
        String[] entries = LINUX ? new File("/proc").list() : null;
        for (String entry : entries == null ? new String[0] : entries) {
            long pid = entry.matches("[0-9]+") ? Long.parseLong(entry) : except;
            if (pid != except && hasOpen(pid, path)) {
                return pid;
            }
        }
        return -1;
    }
}
