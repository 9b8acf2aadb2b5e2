package io.github.daemoniker.internal;

/**
 * Where the JDK starts the daemon's first process, the process reaper it starts on its first
 * process start is started on a second core while the original process checks and locks. A thread
 * of its own rather than a lambda's: the main thread is on its way to the launch, and a lambda's
 * first use costs it milliseconds. Not warmed: the logger JDK 21+ logs each process start to. A
 * logger asked for from outside the JDK is a java.util.logging one, whose start (its LogManager,
 * its configuration) the JDK's own lazy logger never needs, and the launch waited for it:
 * Temurin 25, 40 rounds interleaved, 195 ms with it, 174 to 182 without.
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
        } catch (RuntimeException | Error e) {
            // only an earlier start of the same work: the launch meets whatever failed here itself
        }
    }
}
