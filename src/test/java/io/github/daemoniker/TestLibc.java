package io.github.daemoniker;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls the Unix tests make themselves, to act from outside the library. */
public final class TestLibc {
    private interface C extends Library {
        C LIBC = Native.load("c", C.class);

        int kill(int pid, int signal);
    }

    private TestLibc() {
    }

    /** kill(2): 0, or -1. */
    public static int kill(long pid, int signal) {
        return C.LIBC.kill((int) pid, signal);
    }
}
