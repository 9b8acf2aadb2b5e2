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
        Platform.current().processes().send(status.pid(), status.path(), signal, status::stillHolds);
        return status.pid();
    }

    /** Ends the daemon at once (SIGKILL, TerminateProcess); returns the pid it went to. */
    public static long kill(Path pidFile, boolean trustUnlocked) {
        PidFileStatus status = target(pidFile, trustUnlocked);
        Platform.current().processes().kill(status.pid(), status::stillHolds);
        return status.pid();
    }

    private static PidFileStatus target(Path pidFile, boolean trustUnlocked) {
        PidFileStatus status = PidFileStatus.of(pidFile);
        if (status.state() == PidFileStatus.State.RUNNING && status.pid() == ThisProcess.pid()) {
            throw new DaemonikerException("pid file " + status.path() + " is held by this very process (pid "
                    + status.pid() + "), which does not signal itself through its own pid file; nothing was sent");
        }
        if (status.state() == PidFileStatus.State.RUNNING) {
            return status;
        }
        if (status.state() == PidFileStatus.State.UNLOCKED && trustUnlocked) {
            refuseNeverADaemon(status);
            return status;
        }
        String hint = status.state() == PidFileStatus.State.UNLOCKED
                ? "; if a tool wrote it without a lock (start-stop-daemon, python-daemon), trust it with --unlocked"
                + " (Daemoniker.sendUnlocked, stopUnlocked)" : "";
        throw new DaemonikerException(status.whyNotRunning() + "; nothing was sent" + hint);
    }

    /** An unlocked file is trusted for its pid, but never for init, this process or its parent. */
    private static void refuseNeverADaemon(PidFileStatus status) {
        ProcessHandle self = ProcessHandle.current();
        long pid = status.pid();
        String who = pid <= 1 ? "init (pid 1)"
                : pid == self.pid() ? "this very process"
                : self.parent().map(ProcessHandle::pid).orElse(0L) == pid ? "this process's parent" : null;
        if (who != null) {
            throw new DaemonikerException("pid file " + status.path() + " names pid " + pid + ", which is " + who
                    + ", never a daemon to signal through a pid file; nothing was sent");
        }
    }
}
