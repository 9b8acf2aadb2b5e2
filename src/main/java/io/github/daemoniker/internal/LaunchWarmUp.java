package io.github.daemoniker.internal;

/**
 * Where the JDK starts the daemon's first process, what it initializes on its first process
 * start is initialized on a second core while the original process checks and locks: the
 * process reaper, and, from JDK 21, the logger each start is logged to (finding it scans the class
 * path for a logging backend). A thread of its own rather than a lambda's: the main thread is on
 * its way to the launch, and a lambda's first use costs it milliseconds.
 */
final class LaunchWarmUp extends Thread {
    private static boolean begun;

    private LaunchWarmUp() {
        super("daemoniker-warm-up");
        setDaemon(true);
    }

    /** Starts the warm-up, once. */
    static synchronized void begin() {
        if (!begun) {
            begun = true;
            new LaunchWarmUp().start();
        }
    }

    @Override
    public void run() {
        try {
            ProcessHandle.current();
            if (Runtime.version().feature() >= 21) {
                System.getLogger("java.lang.ProcessBuilder").isLoggable(System.Logger.Level.DEBUG);
            }
        } catch (RuntimeException | Error e) {
            // only an earlier start of the same work: the launch meets whatever failed here itself
        }
    }
}
