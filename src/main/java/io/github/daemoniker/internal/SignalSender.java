package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import java.nio.file.Path;

/**
 * {@code Daemoniker.send} and the command line's kill: a signal goes only to the live process
 * that holds the pid file's lock and whose pid the file names (or, when the caller trusts an
 * unlocked file, to its running pid). Every other case is an exception, and nothing is sent.
 */
public final class SignalSender {

    private SignalSender() {
    }

    /** Sends {@code signal}; returns the pid it went to. */
    public static long send(Path pidFile, Signal signal, boolean trustUnlocked) {
        PidFileStatus status = target(pidFile, trustUnlocked);
        Platform.current().sendSignal(status.pid(), status.path(), signal, status::stillHolds);
        return status.pid();
    }

    /** Ends the daemon at once (SIGKILL, TerminateProcess); returns the pid it went to. */
    public static long kill(Path pidFile, boolean trustUnlocked) {
        PidFileStatus status = target(pidFile, trustUnlocked);
        Platform.current().kill(status.pid(), status::stillHolds);
        return status.pid();
    }

    private static PidFileStatus target(Path pidFile, boolean trustUnlocked) {
        PidFileStatus status = PidFileStatus.of(pidFile);
        if (status.state() == PidFileStatus.State.RUNNING
                || status.state() == PidFileStatus.State.UNLOCKED && trustUnlocked) {
            return status;
        }
        String hint = status.state() == PidFileStatus.State.UNLOCKED
                ? "; for a pid file written without a lock, use Daemoniker.sendUnlocked" : "";
        throw new DaemonikerException(status.whyNotRunning() + "; nothing was sent" + hint);
    }
}
