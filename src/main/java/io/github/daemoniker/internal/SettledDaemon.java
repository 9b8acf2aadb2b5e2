package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;

/**
 * What a daemon that has settled, detached or in the foreground, keeps of its plan for the rest of
 * its life: the logs it may reopen, and how a stop that was asked for ends it.
 */
public final class SettledDaemon {

    /** This process's plan once it has settled; in the foreground, without the streams, which are not its. */
    private static volatile DaemonPlan plan;

    private SettledDaemon() {
    }

    /**
     * Remembers {@code settled} and starts what it asks for: its logs reopened on a signal or
     * rotated by size, and a SIGTERM that ends it with status 0. A SignalHandler that takes the
     * same signal replaces these. A detached daemon calls this before it reports ready: a signal
     * it promised to handle may come the moment its start is reported.
     */
    static void begin(DaemonPlan settled, Platform platform) {
        plan = settled;
        if (settled.get(Option.REOPEN_LOGS_ON) != null && (settled.get(Option.STDOUT) != null || settled.get(Option.STDERR) != null)) {
            platform.processes().handle(settled.pidFile(), settled.get(Option.REOPEN_LOGS_ON), signal -> reopenLogsOrSay());
        }
        if (settled.get(Option.ROTATE_LOGS_AT) > 0) {
            // checked here: the class is loaded, before ready, only where the daemon rotates its logs
            LogRotation.start(settled);
        }
        if (settled.get(Option.EXIT_ZERO_ON_STOP)) {
            platform.processes().handle(settled.pidFile(), Signal.SIGTERM,
                    signal -> Runtime.getRuntime().exit(exitStatus(signal)));
        }
    }

    /** In a settled daemon whose stdout or stderr is a file: opens them again by path; false anywhere else. */
    public static boolean reopenLogs() {
        DaemonPlan settled = plan;
        if (settled == null || settled.get(Option.STDOUT) == null && settled.get(Option.STDERR) == null) {
            return false;
        }
        Platform.current().relauncher().reopenStreams(settled.get(Option.STDOUT), settled.get(Option.STDERR));
        return true;
    }

    /** The status a daemon ends with on {@code signal}: 0 for a stop asked for, if its options say so; else 128 + its number. */
    public static int exitStatus(Signal signal) {
        DaemonPlan settled = plan;
        return signal == Signal.SIGTERM && settled != null && settled.get(Option.EXIT_ZERO_ON_STOP) ? 0 : 128 + signal.number();
    }

    /** On the signal: a failure is said in the log the daemon keeps, and the daemon goes on. */
    static void reopenLogsOrSay() {
        try {
            reopenLogs();
        } catch (DaemonikerException e) {
            System.err.println("daemoniker: " + e.getMessage());
        }
    }
}
