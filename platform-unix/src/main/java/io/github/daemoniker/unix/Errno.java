package io.github.daemoniker.unix;

import com.sun.jna.Native;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.internal.PidFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns a failed libc call into an exception whose message says what failed and why. */
final class Errno {

    private Errno() {
    }

    /** The errno of the last failed call on this thread. */
    static int last() {
        return Native.getLastError();
    }

    static String describe(int errno) {
        return LibC.strerror(errno);
    }

    /** Returns {@code result}, or throws if it is -1, the usual failure of a system call. */
    static int check(int result, String what) {
        if (result == -1) {
            throw failure(what, last());
        }
        return result;
    }

    /** For the posix_spawn family, which returns the error number instead of setting errno. */
    static void checkReturned(int error, String what) {
        if (error != 0) {
            throw failure(what, error);
        }
    }

    static DaemonikerException failure(String what, int errno) {
        return new DaemonikerException(what + ": " + describe(errno) + (errno == UnixConstants.EMFILE
                ? ": this process has no file descriptors left; raise its limit (ulimit -n), or close descriptors it"
                + " does not need" : ""));
    }

    /** A failed open of {@code path}, as the JDK would have reported it. */
    static IOException ioFailure(Path path, int errno) {
        if (errno == UnixConstants.ENOENT) {
            return new NoSuchFileException(path.toString());
        }
        if (errno == UnixConstants.EACCES || errno == UnixConstants.EPERM) {
            return new AccessDeniedException(path.toString(), null, describe(errno));
        }
        if (errno == UnixConstants.ELOOP) {
            return PidFiles.notRegular(path, "a symbolic link");
        }
        if (errno == UnixConstants.EISDIR) {
            return PidFiles.notRegular(path, "a directory");
        }
        return new FileSystemException(path.toString(), null, describe(errno));
    }

    /** What a file of {@code mode} is, in words. */
    static String fileType(int mode) {
        switch (mode & 0170000) {
            case 0010000:
                return "a FIFO";
            case 0020000:
                return "a character device";
            case 0060000:
                return "a block device";
            case 0040000:
                return "a directory";
            case 0140000:
                return "a socket";
            case 0120000:
                return "a symbolic link";
            default:
                return "not a regular file";
        }
    }
}
