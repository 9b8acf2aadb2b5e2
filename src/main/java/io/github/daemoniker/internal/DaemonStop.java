package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.Stopped;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code Daemoniker.stop}: SIGTERM, then wait for the process to go and its pid file with it;
 * SIGKILL after the timeout if asked. A start in progress is waited for first, so that the daemon
 * it brings up is stopped rather than reported as not running. Whether there is a daemon to stop
 * is decided before anything is sent, as {@code send} decides it: a pid file that names no daemon
 * of ours is refused at once, and only a process that was signalled is waited for. A daemon that
 * goes while this runs (another stop, its own exit) counts as stopped.
 */
public final class DaemonStop {

    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private DaemonStop() {
    }

    public static Stopped stop(Path pidFile, Duration timeout, boolean kill, boolean trustUnlocked) {
        PidFileStatus status = PidFileStatus.settled(pidFile);
        switch (status.state()) {
            case MISSING:
            case EMPTY:
                return new Stopped(true, 0, status.toDaemonStatus().toString());
            case DEAD:
                return new Stopped(true, status.pid(), "not running: " + (PidFiles.removeIfDead(status.path(), status.pid())
                        ? "removed the stale pid file " + status.path() + " (pid " + status.pid() + ")"
                        : "pid " + status.pid() + " of " + status.path() + " is gone, and the file was left as it is"
                        + " (it changed meanwhile)"));
            default:
                break;
        }
        String refused = null;
        long pid;
        try {
            pid = SignalSender.send(pidFile, Signal.SIGTERM, trustUnlocked);
        } catch (DaemonikerException e) {
            if (!wasRunning(status)) {
                throw e;
            }
            pid = status.pid();
            if (!goneMeanwhile(status)) {
                if (!kill || !status.stillHolds()) {
                    throw e;
                }
                // on Windows, a daemon without a SignalHandler: given the timeout to end by itself, then killed
                refused = e.getMessage();
            }
        }
        if (awaitGone(pid, timeout)) {
            PidFiles.removeIfDead(status.path(), pid);
            return new Stopped(true, pid, "stopped, pid " + pid);
        }
        if (!kill) {
            return new Stopped(false, pid, "pid " + pid + " is still running " + Seconds.of(timeout)
                    + " after SIGTERM: wait longer, or end it at once");
        }
        try {
            SignalSender.kill(pidFile, trustUnlocked);
        } catch (DaemonikerException e) {
            if (!goneMeanwhile(status)) {
                throw e;
            }
        }
        if (!awaitGone(pid, AFTER_KILL)) {
            return new Stopped(false, pid, "pid " + pid + " is still running after SIGKILL");
        }
        PidFiles.removeIfDead(status.path(), pid);
        return new Stopped(true, pid, "killed, pid " + pid + ", " + (refused == null ? "still running "
                + Seconds.of(timeout) + " after SIGTERM" : "which could not be sent SIGTERM (" + refused + ")"));
    }

    private static boolean awaitGone(long pid, Duration timeout) {
        Processes processes = Platform.current().processes();
        return Poll.until(() -> !processes.isRunning(pid), timeout);
    }

    /** Whether the file named a daemon of ours when this stop began: the live holder of its lock. */
    private static boolean wasRunning(PidFileStatus before) {
        return before.state() == PidFileStatus.State.RUNNING && before.pid() != 0;
    }

    /**
     * Whether the daemon {@code before} named is on its way out by itself, or by another stop:
     * its pid file is gone, or still names it but it no longer holds the lock (it let go as it
     * exits). The caller then waits for the process to end, as after its own SIGTERM.
     */
    private static boolean goneMeanwhile(PidFileStatus before) {
        PidFileStatus now = PidFileStatus.of(before.path());
        return now.state() == PidFileStatus.State.MISSING
                || now.pid() == before.pid() && now.state() != PidFileStatus.State.RUNNING;
    }
}
