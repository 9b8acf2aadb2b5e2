package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_CREAT;
import static io.github.daemoniker.unix.UnixConstants.O_NOFOLLOW;
import static io.github.daemoniker.unix.UnixConstants.O_RDONLY;
import static io.github.daemoniker.unix.UnixConstants.O_RDWR;

import com.sun.jna.Memory;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.PidFileLock;
import io.github.daemoniker.internal.PidFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pid files locked with POSIX record locks (fcntl), which die with their process, so a daemon
 * killed with SIGKILL leaves a file that the next one simply takes over, and which tell who holds
 * them. Such a lock is dropped when its process closes any descriptor of the file, so this process
 * never opens a pid file it holds: see {@link #HELD}.
 */
final class UnixPidFile {
    private static final int ATTEMPTS = 10;

    /** The pid files this process holds, by path. */
    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

    private UnixPidFile() {
    }

    static PidFileLock lock(Path path) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int fd = LibC.Variadic.INSTANCE.open(path.toString(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
            if (fd == -1) {
                throw openFailure(path, Errno.last());
            }
            if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_SETLK, flock(UnixConstants.F_WRLCK)) == -1) {
                int errno = Errno.last();
                OptionalLong holder = holderOf(fd);
                LibC.close(fd);
                if (errno != Errno.EAGAIN && errno != Errno.EACCES) {
                    throw new DaemonizeException("pid file " + path + " could not be locked: " + Errno.describe(errno));
                }
                if (holder.isPresent()) {
                    throw PidFiles.alreadyRunning(path, holder.getAsLong());
                }
                continue;
            }
            // the file may have been removed or replaced between open and lock: then lock the new one
            if (Objects.equals(fileKey(Path.of("/dev/fd/" + fd)), fileKey(path, LinkOption.NOFOLLOW_LINKS))) {
                Held held = new Held(path, fd);
                HELD.put(path, held);
                return held;
            }
            LibC.close(fd);
        }
        throw new DaemonizeException("pid file " + path + " kept being replaced while it was being locked:"
                + " another program is rewriting it");
    }

    static OptionalLong holder(Path path) {
        if (HELD.containsKey(path)) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd == -1) {
            return OptionalLong.empty();
        }
        try {
            return holderOf(fd);
        } finally {
            LibC.close(fd);
        }
    }

    private static OptionalLong holderOf(int fd) {
        Memory query = flock(UnixConstants.F_WRLCK);
        if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_GETLK, query) == -1
                || query.getShort(UnixConstants.FLOCK_TYPE) == UnixConstants.F_UNLCK) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(query.getInt(UnixConstants.FLOCK_PID));
    }

    /** A struct flock for the whole file. */
    private static Memory flock(short type) {
        Memory flock = new Memory(UnixConstants.FLOCK_SIZE);
        flock.clear();
        flock.setShort(UnixConstants.FLOCK_TYPE, type);
        flock.setShort(UnixConstants.FLOCK_WHENCE, (short) 0);
        flock.setLong(UnixConstants.FLOCK_START, 0);
        flock.setLong(UnixConstants.FLOCK_LEN, 0);
        return flock;
    }

    /** The file's identity (device and inode); {@code /dev/fd/N} is followed to the open file. */
    private static Object fileKey(Path path, LinkOption... options) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static DaemonizeException openFailure(Path path, int errno) {
        if (errno == Errno.ELOOP) {
            return new DaemonizeException("pid file " + path + " is a symbolic link, which Daemoniker does not"
                    + " follow: give the real path");
        }
        if (errno == Errno.ENOENT) {
            return new DaemonizeException("the directory of pid file " + path + " does not exist: create "
                    + path.getParent() + " first");
        }
        return new DaemonizeException("pid file " + path + " could not be opened: " + Errno.describe(errno));
    }

    private static final class Held implements PidFileLock {
        private final Path path;
        private final int fd;
        private final Object key;
        private final AtomicBoolean released = new AtomicBoolean();

        Held(Path path, int fd) {
            this.path = path;
            this.fd = fd;
            this.key = fileKey(path, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void writePid(long pid) {
            byte[] content = PidFiles.format(pid).getBytes(StandardCharsets.US_ASCII);
            Errno.check(LibC.ftruncate(fd, 0), "emptying pid file " + path);
            if (LibC.write(fd, content, content.length) != content.length) {
                throw Errno.failure("writing pid file " + path, Errno.last());
            }
        }

        /** Unlinks while still locked, so no other process can take the file and then lose it. */
        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                if (Objects.equals(key, fileKey(path, LinkOption.NOFOLLOW_LINKS))) {
                    LibC.unlink(path.toString());
                }
                HELD.remove(path, this);
                LibC.close(fd);
            }
        }
    }
}
