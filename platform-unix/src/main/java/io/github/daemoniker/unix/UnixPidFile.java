package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_CREAT;
import static io.github.daemoniker.unix.UnixConstants.O_EXCL;
import static io.github.daemoniker.unix.UnixConstants.O_NOFOLLOW;
import static io.github.daemoniker.unix.UnixConstants.O_NONBLOCK;
import static io.github.daemoniker.unix.UnixConstants.O_RDONLY;
import static io.github.daemoniker.unix.UnixConstants.O_RDWR;

import com.sun.jna.Memory;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.PidFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Linux pid file on one descriptor, opened with O_NOFOLLOW and O_NONBLOCK (a FIFO or device at
 * the path is refused, never waited on) and locked with an open-file-description lock (Linux
 * 3.15+). Such a lock belongs to the open file, not to the process: closing another descriptor of
 * the same file, as the JDK does when anything in the daemon reads its own pid file, does not drop
 * it (a POSIX record lock would go), and a relaunched process that inherits the descriptor
 * inherits the lock. F_GETLK names no process for it (-1): a reader checks that the pid the file
 * names has the file open.
 */
final class UnixPidFile implements OpenPidFile {
    private final Path path;
    private final int fd;
    private final boolean writable;
    private final Object identity;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UnixPidFile(Path path, int fd, boolean writable, Object identity) {
        this.path = path;
        this.fd = fd;
        this.writable = writable;
        this.identity = identity;
    }

    /** Opens the regular file at {@code path}, read-write if {@code create} (creating it when missing). */
    static UnixPidFile open(Path path, boolean create) throws IOException {
        int flags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (create ? O_RDWR : O_RDONLY);
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), flags);
        if (fd == -1 && create && Errno.last() == UnixConstants.ENOENT) {
            fd = LibC.Variadic.INSTANCE.open(path.toString(), flags | O_CREAT | O_EXCL, 0644);
            if (fd == -1 && Errno.last() == UnixConstants.EEXIST) {
                fd = LibC.Variadic.INSTANCE.open(path.toString(), flags);
            }
        }
        if (fd == -1) {
            throw Errno.ioFailure(path, Errno.last());
        }
        return wrap(path, fd, create);
    }

    /**
     * Opens the existing file at {@code path} read-write, to take over a lock this process holds
     * through another open file ({@link UnixPidFileAccess#settle}).
     */
    static UnixPidFile openExisting(Path path) throws IOException {
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_RDWR);
        if (fd == -1) {
            throw Errno.ioFailure(path, Errno.last());
        }
        return wrap(path, fd, true);
    }

    private static UnixPidFile wrap(Path path, int fd, boolean writable) throws IOException {
        Path open = Path.of("/proc/self/fd/" + fd);
        try {
            // the basic attributes: their classes are loaded already, even where no more file can be opened
            BasicFileAttributes attributes = Files.readAttributes(open, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw PidFiles.notRegular(path, Errno.fileType((Integer) Files.getAttribute(open, "unix:mode")));
            }
            PidFiles.requireOneName(path, (Integer) Files.getAttribute(open, "unix:nlink"));
            return new UnixPidFile(path, fd, writable, attributes.fileKey());
        } catch (IOException | RuntimeException | Error e) {
            LibC.close(fd);
            throw e;
        }
    }

    @Override
    public boolean tryLock() throws IOException {
        Memory lock = wholeFileWriteLock();
        if (!writable) {
            lock.setShort(UnixConstants.FLOCK_TYPE, UnixConstants.F_RDLCK);
        }
        if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_OFD_SETLK, lock) == 0) {
            return true;
        }
        int errno = Errno.last();
        if (errno == UnixConstants.EAGAIN || errno == UnixConstants.EACCES) {
            return false;
        }
        throw new IOException("locking " + path + " failed: " + Errno.describe(errno));
    }

    /** {@link #tryLock}, with a failure to ask taken for a refusal. */
    boolean tryLockQuietly() {
        try {
            return tryLock();
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes a write lock of the bytes before {@code end} (the whole file's lock is {@link #tryLock}). */
    boolean tryLockBelow(long end) {
        Memory lock = wholeFileWriteLock();
        lock.setLong(UnixConstants.FLOCK_LEN, end);
        return LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_OFD_SETLK, lock) == 0;
    }

    /** A struct flock asking for a write lock on the whole file. */
    static Memory wholeFileWriteLock() {
        Memory flock = new Memory(UnixConstants.FLOCK_SIZE);
        flock.clear();
        flock.setShort(UnixConstants.FLOCK_TYPE, UnixConstants.F_WRLCK);
        return flock;
    }

    /** F_OFD_GETLK: a lock of this same open file is not reported as a conflict, a POSIX one of this process is. */
    @Override
    public OptionalLong holder() throws IOException {
        Memory query = wholeFileWriteLock();
        if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_OFD_GETLK, query) == -1) {
            throw new IOException("asking who locks " + path + " failed: " + Errno.describe(Errno.last()));
        }
        return query.getShort(UnixConstants.FLOCK_TYPE) == UnixConstants.F_UNLCK ? OptionalLong.empty()
                : OptionalLong.of(query.getInt(UnixConstants.FLOCK_PID));
    }

    @Override
    public Content readOnce() throws IOException {
        byte[] head = new byte[MOST_READ];
        long n = LibC.pread(fd, head, head.length, 0);
        if (n == -1) {
            throw new IOException(path + " cannot be read: " + Errno.describe(Errno.last()));
        }
        long size = Files.size(Path.of("/proc/self/fd/" + fd));
        return new Content(Arrays.copyOf(head, (int) n), size);
    }

    /**
     * Through {@code /proc/self/fd}, the same file, in plain Java: a relaunched daemon writes its pid
     * before it has loaded the native layer. Closing that second description of the file leaves
     * the lock alone, which belongs to the first.
     */
    @Override
    public void writePid(long pid) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(PidFiles.format(pid).getBytes(StandardCharsets.US_ASCII)), 0);
        }
    }

    @Override
    public boolean isAt(Path at) {
        try {
            return Objects.equals(identity, Files.readAttributes(at, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int descriptor() {
        return fd;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LibC.close(fd);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
