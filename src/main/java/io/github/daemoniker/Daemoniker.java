package io.github.daemoniker;

import io.github.daemoniker.internal.DaemonSide;
import io.github.daemoniker.internal.ParentExit;
import io.github.daemoniker.internal.SignalSender;
import io.github.daemoniker.internal.SupervisorNotify;
import java.nio.file.Path;

/**
 * The one-call forms: daemonize the program, and signal a daemon from any other process.
 *
 * <pre>{@code
 * public static void main(String[] argv) {
 *     Object[] args = Daemoniker.daemonize(Path.of("/run/myapp.pid"), options, argv[0]);
 *     // only the daemon gets here; the original process exited with status 0 once it was up
 *     serve((String) args[0]);
 * }
 * }</pre>
 *
 * <p>The daemon runs {@code main} again from the top, so code before the call runs twice; use
 * {@link Daemonizer} for setup code that must run once.
 */
public final class Daemoniker {

    private Daemoniker() {
    }

    /** {@link #daemonize(Path, DaemonOptions, Object...)} with {@link DaemonOptions#defaults()}. */
    public static Object[] daemonize(Path pidFile, Object... args) {
        return daemonize(pidFile, DaemonOptions.defaults(), args);
    }

    /**
     * Daemonizes the program. In the original process this does not return: the process exits
     * with status 0 once the daemon has reported ready (or the {@link DaemonizeException} is
     * thrown). In the daemon it returns the arguments the original process passed.
     */
    public static Object[] daemonize(Path pidFile, DaemonOptions options, Object... args) {
        Daemonized daemonized = new Daemonizer().daemonize(pidFile, options, args);
        if (daemonized.isParent()) {
            ParentExit.exitNow(0);
        }
        return daemonized.args();
    }

    /**
     * With {@link Readiness#MANUAL}: tells the original process, which is waiting, that this
     * daemon is ready; it then returns from {@code daemonize}. Anywhere else it does nothing, so
     * the same code runs as a daemon and in the foreground.
     *
     * <pre>{@code
     * server.bind(port);
     * Daemoniker.ready();
     * }</pre>
     */
    public static void ready() {
        DaemonSide.ready();
    }

    /**
     * Tells a supervisor that listens (systemd, through {@code NOTIFY_SOCKET}) this daemon's
     * state, such as {@code "RELOADING=1"} from a reload handler or {@code "STATUS=warming up"}.
     * READY=1 (with MAINPID) and STOPPING=1 are sent by the library itself.
     *
     * @return whether a supervisor listens
     */
    public static boolean notifySupervisor(String state) {
        return SupervisorNotify.send(state);
    }

    /**
     * Sends {@code signal} to the daemon of {@code pidFile}, from any process. It is sent only if
     * the pid in the file belongs to the live process that holds the file's lock; a missing pid
     * file, one without a pid, a daemon that is not running, or a pid now used by an unrelated
     * process are each a {@link DaemonikerException}, and nothing is sent. On Linux 5.3 and later
     * the process is pinned (pidfd) before the last check, so even a pid reused at that moment is
     * never signalled. On Windows, which has no signals, the signal ends the daemon's sleeper
     * process (named in {@code <pidFile>.sleeper}) with the signal's number as its exit code; a
     * daemon with no {@link SignalHandler} started cannot receive one, and this says so.
     *
     * <pre>{@code
     * Daemoniker.send(Path.of("/run/app.pid"), Signal.SIGTERM);
     * }</pre>
     */
    public static void send(Path pidFile, Signal signal) {
        SignalSender.send(pidFile, signal, false);
    }

    /** {@link #send(Path, Signal)} with the signal's number on this system. */
    public static void send(Path pidFile, int signal) {
        send(pidFile, Signal.of(signal));
    }

    /**
     * Sends {@code signal} to a pid file that no process holds locked, as Python Daemoniker and
     * many tools write them: the pid must be alive, but whether it is still that daemon's cannot be
     * told. A locked pid file gets the checks of {@link #send(Path, Signal)}.
     */
    public static void sendUnlocked(Path pidFile, Signal signal) {
        SignalSender.send(pidFile, signal, true);
    }
}
