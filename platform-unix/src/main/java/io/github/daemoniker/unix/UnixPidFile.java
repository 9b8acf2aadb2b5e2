package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_NOFOLLOW;
import static io.github.daemoniker.unix.UnixConstants.O_RDONLY;

import com.sun.jna.Memory;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Who holds a pid file: the JDK locks it with a POSIX record lock (fcntl), and F_GETLK names the
 * holder's pid. Never asked by the holder itself, which would drop its lock by closing the file.
 */
final class UnixPidFile {

    private UnixPidFile() {
    }

    /** A struct flock asking for a write lock on the whole file. */
    static Memory wholeFileWriteLock() {
        Memory flock = new Memory(UnixConstants.FLOCK_SIZE);
        flock.clear();
        flock.setShort(UnixConstants.FLOCK_TYPE, UnixConstants.F_WRLCK);
        return flock;
    }

    static OptionalLong holder(Path path) {
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd == -1) {
            return OptionalLong.empty();
        }
        try {
            Memory query = wholeFileWriteLock();
            if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_GETLK, query) == -1
                    || query.getShort(UnixConstants.FLOCK_TYPE) == UnixConstants.F_UNLCK) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(query.getInt(UnixConstants.FLOCK_PID));
        } finally {
            LibC.close(fd);
        }
    }
}
