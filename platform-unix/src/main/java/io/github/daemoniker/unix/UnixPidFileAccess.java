package io.github.daemoniker.unix;

import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.PidFileAccess;
import io.github.daemoniker.internal.Poll;
import io.github.daemoniker.internal.ThisProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/** Linux: open-file-description locks and /proc; macOS: the JDK's locks, and only its own descriptors. */
final class UnixPidFileAccess implements PidFileAccess {
    private static final boolean LINUX = OperatingSystem.current() == OperatingSystem.LINUX;
    /** The kernel's list of this process's descriptors, each a link to what it has open. */
    static final Path DESCRIPTORS = Path.of(LINUX ? "/proc/self/fd" : "/dev/fd");
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(2);

    static File descriptor(int fd) {
        return DESCRIPTORS.resolve(Integer.toString(fd)).toFile();
    }

    /**
     * Linux: a file only read (a status, a start's checks) is opened in plain Java, which is all
     * such a reader needs; a lock kept is an open-file-description lock.
     */
    @Override
    public OpenPidFile open(Path path, boolean create) throws IOException {
        if (!LINUX) {
            return JdkPidFile.open(path, create);
        }
        return create ? UnixPidFile.open(path, true) : PlainPidFile.open(path, PlainPidFile.Role.READER);
    }

    @Override
    public OpenPidFile openBeforeNative(Path path) throws IOException {
        return LINUX ? PlainPidFile.open(path, PlainPidFile.Role.DAEMON) : JdkPidFile.open(path, true);
    }

    @Override
    public OpenPidFile openToMarkStart(Path path) throws IOException {
        return PlainPidFile.open(path, PlainPidFile.Role.START);
    }

    /**
     * Linux: the JDK's lock of one byte becomes an open-file-description lock of the whole file,
     * which no other open of the file in this process can drop. The bytes below the start's mark
     * are locked first; every rival finds those locked, so the moment the byte is free admits
     * nobody (see {@link PlainPidFile#tryLock}).
     */
    @Override
    public OpenPidFile settle(Path path, OpenPidFile file) throws IOException {
        if (!(file instanceof PlainPidFile plain)) {
            return file;
        }
        UnixPidFile own = UnixPidFile.openExisting(path);
        try {
            if (!own.isAt(path) || !plain.isAt(path)) {
                throw new IOException("it was removed or replaced while the daemon started");
            }
            if (!own.tryLockBelow(PlainPidFile.START_MARK)) {
                throw new IOException("another process locked part of it while the daemon started");
            }
        } catch (IOException | RuntimeException | Error e) {
            own.close();
            throw e;
        }
        plain.close();
        // the original process lets go of the start's mark when it hears "ready", a reader's lock
        // lasts a moment; until the whole file is had, the bytes below the mark keep everyone out
        Poll.until(own::tryLockQuietly, SETTLE_PATIENCE);
        return own;
    }

    /** Linux: the mark is a lock of its own byte, which the daemon's lock does not conflict with ({@link PlainPidFile}). */
    @Override
    public boolean marksStart() {
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
        Path descriptors = pid == ThisProcess.pid() ? DESCRIPTORS : Path.of("/proc", Long.toString(pid), "fd");
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

    /** POSIX record locks: the JDK's, and a native library's {@code fcntl}. */
    @Override
    public boolean closingDropsOwnLocks() {
        return true;
    }

    /** Linux: whether the process's list of descriptors may be read; macOS shows none but this process's. */
    @Override
    public boolean mayLookAt(long pid) {
        return !LINUX || pid == ThisProcess.pid() || Path.of("/proc", Long.toString(pid), "fd").toFile().list() != null;
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
