package io.github.daemoniker.windows;

import java.util.Optional;

/**
 * The sleeper processes that stand for a daemon on Windows, which has no signals: a sleeper does
 * nothing until someone ends it, and its exit code is the signal's number. The Windows layer
 * implements this with a few Win32 calls; the bookkeeping around it is plain Java, tested on Linux
 * with shell stand-ins.
 */
interface Sleepers {

    /** Starts a sleeper that ends when this process ends, whatever the way. */
    Sleeper start();

    /**
     * The running sleeper with {@code pid}, if it is the one started at {@code startTime}; open, so
     * that its pid cannot be reused while it is held.
     */
    Optional<Sleeper> open(long pid, long startTime);

    /** One sleeper process, held open. */
    interface Sleeper extends AutoCloseable {

        long pid();

        /** When it started, in the system's own unit: with the pid, what names it for good. */
        long startTime();

        /** Waits until it has ended, and returns its exit code. */
        int awaitExit();

        /**
         * Ends it with {@code exitCode} and waits for it to be gone; whether it ended with this
         * very code, that is, whether this call ended it and no one else first.
         */
        boolean end(int exitCode);

        /** Lets go of it, running or not. */
        @Override
        void close();
    }
}
