package io.github.daemoniker.unix;

import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.PidFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Linux pid file opened with the JDK alone, for the steps that come before the native layer is
 * loaded: a start's checks and a status in any process, and a relaunched daemon's lock until it
 * has reported ready (then moved onto an open-file-description lock, {@link UnixPidFileAccess#settle}).
 * It is opened read-write, never blocking (see {@link JdkPidFile#open(Path, boolean, boolean)}; a
 * positional read of a FIFO fails), and its holder is read from {@link LockTable}, which names a
 * POSIX lock's process as F_OFD_GETLK does. Its own lock is the JDK's, a POSIX record lock of one
 * byte beyond the content: it conflicts with every whole-file lock, of either kind.
 */
final class PlainPidFile implements OpenPidFile {
    /**
     * The byte an original process locks while the daemon it launched starts: a start in
     * progress, which the daemon's own lock (the JDK's byte and the bytes below this one) does
     * not conflict with, and every other start does.
     */
    static final long START_MARK = JdkPidFile.LOCKED_BYTE - 1;

    /** Who opens the file, which decides its lock. */
    enum Role {
        /** A status or a check: the JDK's shared lock, for a moment. */
        READER,
        /** A relaunched daemon, before its native layer: the JDK's byte, with nothing locked below the start's mark. */
        DAEMON,
        /** The original process of a start launched by the JDK: the start's mark, with nothing else locked. */
        START
    }

    private final JdkPidFile file;
    private final Role role;
    private final long device;
    private final long inode;

    private PlainPidFile(JdkPidFile file, Role role, long device, long inode) {
        this.file = file;
        this.role = role;
        this.device = device;
        this.inode = inode;
    }

    /**
     * Opens the regular file at {@code path}, creating it unless a {@link Role#READER} opens it.
     * A file a reader may not write (or on a read-only file system) is opened read-only by
     * {@link UnixPidFile}, which can do so without blocking.
     */
    static OpenPidFile open(Path path, Role role) throws IOException {
        boolean create = role != Role.READER;
        Map<String, Object> before = identity(path);
        if (before != null && ((Integer) before.get("mode") & 0170000) != 0100000) {
            throw PidFiles.notRegular(path, Errno.fileType((Integer) before.get("mode")));
        }
        JdkPidFile opened;
        try {
            opened = JdkPidFile.open(path, create, true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (create) {
                throw e;
            }
            return UnixPidFile.open(path, false);
        }
        Map<String, Object> after = identity(path);
        if (after == null || ((Integer) after.get("mode") & 0170000) != 0100000) {
            opened.close();
            throw after == null ? new NoSuchFileException(path.toString())
                    : PidFiles.notRegular(path, Errno.fileType((Integer) after.get("mode")));
        }
        return new PlainPidFile(opened, role, (Long) after.get("dev"), (Long) after.get("ino"));
    }

    /** The file's mode, device and inode, not following a link; {@code null} if there is none. */
    private static Map<String, Object> identity(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:mode,dev,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The JDK's file, whose POSIX lock the daemon moves onto a lock of its own descriptor. */
    JdkPidFile jdkFile() {
        return file;
    }

    /**
     * The lock of the role's byte, and then no other lock where a rival would hold one: a daemon
     * moving its lock onto its own descriptor holds the bytes below the mark first, and only then
     * lets go of the JDK's byte; a start in progress holds the mark.
     */
    @Override
    public boolean tryLock() throws IOException {
        switch (role) {
            case READER:
                return file.tryLock();
            case DAEMON:
                return file.tryLock() && keepIf(file.isUnlocked(0, START_MARK));
            default:
                return file.tryLock(START_MARK)
                        && keepIf(file.isUnlocked(0, START_MARK) && file.isUnlocked(JdkPidFile.LOCKED_BYTE, 1));
        }
    }

    private boolean keepIf(boolean free) throws IOException {
        if (!free) {
            file.unlock();
        }
        return free;
    }

    /** From the kernel's table; where it shows none (no /proc), the JDK's probe, which names no process. */
    @Override
    public OptionalLong holder() throws IOException {
        OptionalLong named = LockTable.holder(device, inode);
        return named.isPresent() ? named : file.holder();
    }

    @Override
    public Content readOnce() throws IOException {
        return file.readOnce();
    }

    @Override
    public void writePid(long pid) throws IOException {
        file.writePid(pid);
    }

    @Override
    public boolean isAt(Path path) {
        return file.isAt(path);
    }

    @Override
    public int descriptor() {
        return -1;
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
