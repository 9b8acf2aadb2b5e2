package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A pid file through the JDK's file channel and lock (LockFileEx on Windows, a POSIX record lock
 * on macOS). Windows locks are mandatory, so the lock covers one byte far beyond the end of the
 * file, never its content: anyone can read the pid. Windows has no FIFOs or devices at file
 * paths; on macOS, where it is used too, a FIFO put at the path between the check and the open
 * could still block the open (never run on a Mac).
 */
public final class JdkPidFile implements OpenPidFile {
    /** The locked byte: beyond any pid file's end, and inside every whole-file lock. */
    public static final long LOCKED_BYTE = Long.MAX_VALUE - 1;

    private final Path path;
    private final FileChannel channel;
    private final boolean writable;
    private final Object identity;
    private FileLock lock;

    private JdkPidFile(Path path, FileChannel channel, boolean writable, Object identity) {
        this.path = path;
        this.channel = channel;
        this.writable = writable;
        this.identity = identity;
    }

    /** Opens the regular file at {@code path}, creating it if {@code create}; never through a link. */
    public static JdkPidFile open(Path path, boolean create) throws IOException {
        return open(path, create, create);
    }

    /**
     * The same, but opened for writing too when {@code readWrite}, even to be only read: Linux
     * opens a FIFO put at the path between the check and the open without waiting when it is
     * opened read-write, where a read-only open would wait for a writer. Its lock is exclusive
     * only when {@code create}.
     */
    public static JdkPidFile open(Path path, boolean create, boolean readWrite) throws IOException {
        BasicFileAttributes before = attributes(path);
        if (before != null && !before.isRegularFile()) {
            throw PidFiles.notRegular(path, before.isSymbolicLink() ? "a symbolic link"
                    : before.isDirectory() ? "a directory" : "not a regular file");
        }
        if (before == null && !create) {
            throw new NoSuchFileException(path.toString());
        }
        FileChannel channel = create
                ? FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), creationAttributes(path))
                : readWrite
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            BasicFileAttributes after = attributes(path);
            if (after != null && path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                PidFiles.requireOneName(path, (Integer) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS));
            }
            return new JdkPidFile(path, channel, create, after == null ? null : after.fileKey());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Where files have POSIX modes: rw-r--r--, whatever the umask lets through, as a pid file is made
     * elsewhere. A plain set, not {@code PosixFilePermissions.fromString}: its {@code EnumSet} asks
     * for the enum's values by reflection, whose first use costs a daemon ~3.5 ms before ready on JDK
     * 18 and later.
     */
    private static FileAttribute<?>[] creationAttributes(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ))}
                : new FileAttribute<?>[0];
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public boolean tryLock() throws IOException {
        return tryLock(LOCKED_BYTE);
    }

    /** The same lock, of the one byte at {@code position} instead (see Linux's {@code PlainPidFile}). */
    public boolean tryLock(long position) throws IOException {
        try {
            lock = channel.tryLock(position, 1, !writable);
        } catch (OverlappingFileLockException e) {
            return false;
        }
        return lock != null;
    }

    /** Lets go of the lock taken through this file, keeping the file open. */
    public void unlock() throws IOException {
        if (lock != null) {
            lock.release();
            lock = null;
        }
    }

    /**
     * Whether no other process locks any of the {@code size} bytes from {@code position}: a shared
     * lock of them, taken for a moment.
     */
    public boolean isUnlocked(long position, long size) throws IOException {
        try {
            FileLock probe = channel.tryLock(position, size, true);
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /**
     * Windows cannot say who holds a lock: -1, "someone". A shared lock is tried for a moment, so
     * a concurrent start can be refused while it is held; closing it would drop this process's
     * own POSIX locks of the file on macOS, so there this process's own lock is answered first.
     */
    @Override
    public OptionalLong holder() throws IOException {
        if (lock != null) {
            return OptionalLong.of(ThisProcess.pid());
        }
        try {
            FileLock probe = channel.tryLock(LOCKED_BYTE, 1, true);
            if (probe == null) {
                return OptionalLong.of(-1);
            }
            probe.release();
            return OptionalLong.empty();
        } catch (OverlappingFileLockException e) {
            return OptionalLong.of(ThisProcess.pid());
        }
    }

    @Override
    public Content readOnce() throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MOST_READ);
        channel.read(head, 0);
        byte[] bytes = new byte[head.position()];
        head.flip().get(bytes);
        return new Content(bytes, channel.size());
    }

    @Override
    public void writePid(long pid) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(PidFiles.format(pid).getBytes(StandardCharsets.US_ASCII)), 0);
    }

    /** By file identity where the system has one (macOS); by the lock the path's file shows on Windows. */
    @Override
    public boolean isAt(Path at) {
        try {
            BasicFileAttributes now = attributes(at);
            if (now == null || !now.isRegularFile()) {
                return false;
            }
            if (identity != null) {
                return Objects.equals(identity, now.fileKey());
            }
            return lock == null || PidFiles.isLocked(at);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int descriptor() {
        return -1;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock whatever the error says
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
