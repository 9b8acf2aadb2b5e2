package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_APPEND;
import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_CREAT;
import static io.github.daemoniker.unix.UnixConstants.O_NOFOLLOW;
import static io.github.daemoniker.unix.UnixConstants.O_NONBLOCK;
import static io.github.daemoniker.unix.UnixConstants.O_WRONLY;

import io.github.daemoniker.DaemonikerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a daemon's log files again by their paths and puts them under descriptors 1 and 2: every
 * writer of those descriptors, Java's System.out and System.err included, goes on into the new
 * files, and a write is never split between the old file and the new one.
 */
final class UnixLogReopener {

    private UnixLogReopener() {
    }

    static void reopen(Path stdout, Path stderr) {
        System.out.flush();
        System.err.flush();
        int out = stdout == null ? -1 : open(stdout);
        int err = -1;
        try {
            err = stderr == null ? -1 : stderr.equals(stdout) ? out : open(stderr);
            move(out, 1, stdout);
            move(err, 2, stderr);
        } finally {
            if (err >= 0 && err != out) {
                LibC.close(err);
            }
            if (out >= 0) {
                LibC.close(out);
            }
        }
    }

    /**
     * As the shell opened it at the start ({@code >>}, the daemon's umask), but never through a
     * link or into anything but a regular file: a link put where the log was is not followed.
     */
    private static int open(Path path) {
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK
                | O_CLOEXEC, 0666);
        if (fd == -1) {
            throw failed(path, Errno.describe(Errno.last()));
        }
        try {
            if (!Files.readAttributes(Path.of("/dev/fd/" + fd), java.nio.file.attribute.BasicFileAttributes.class)
                    .isRegularFile()) {
                throw failed(path, "it is not a regular file");
            }
        } catch (IOException e) {
            LibC.close(fd);
            throw failed(path, e.toString());
        } catch (DaemonikerException e) {
            LibC.close(fd);
            throw e;
        }
        return fd;
    }

    private static void move(int fd, int target, Path path) {
        if (fd >= 0 && LibC.dup2(fd, target) == -1) {
            throw failed(path, Errno.describe(Errno.last()));
        }
    }

    private static DaemonikerException failed(Path path, String why) {
        return new DaemonikerException("the log " + path + " could not be opened again (" + why
                + "): the daemon goes on writing to the file it had");
    }
}
