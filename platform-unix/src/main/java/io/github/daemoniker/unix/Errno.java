package io.github.daemoniker.unix;

import com.sun.jna.Native;
import io.github.daemoniker.DaemonikerException;

/** Turns a failed libc call into an exception whose message says what failed and why. */
final class Errno {
    static final int EINTR = 4;

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
        return new DaemonikerException(what + ": " + describe(errno));
    }
}
