package io.github.daemoniker;

import io.github.daemoniker.internal.DaemonRestart;
import io.github.daemoniker.internal.DaemonSide;
import io.github.daemoniker.internal.DaemonStop;
import io.github.daemoniker.internal.Exhaustion;
import io.github.daemoniker.internal.ParentExit;
import io.github.daemoniker.internal.PidFileStatus;
import io.github.daemoniker.internal.ProgramStart;
import io.github.daemoniker.internal.SettledDaemon;
import io.github.daemoniker.internal.SignalSender;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.Watchdog;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything but the {@link Daemonizer} block: the one-call form of it, and operating a daemon
 * from any other process through its pid file — its status, a signal, a stop — as the
 * {@code daemoniker} command-line tool does.
 *
 * <pre>{@code
 * Path pidFile = Path.of("/run/myapp.pid");
 * System.out.println(Daemoniker.status(pidFile));                    // "running, pid 4242, since …"
 * Daemoniker.send(pidFile, Signal.SIGHUP);                           // reload
 * Stopped stopped = Daemoniker.stop(pidFile, Duration.ofSeconds(10), true);
 * }</pre>
 */
public final class Daemoniker {

    private Daemoniker() {
    }

    /** {@link #daemonize(Path, DaemonOptions, Object...)} with {@link DaemonOptions#defaults()}. */
    public static Object[] daemonize(Path pidFile, Object... args) {
        return daemonize(pidFile, DaemonOptions.defaults(), args);
    }

    /**
     * The {@link Daemonizer} block for a program with no setup to skip, in one call. In the
     * original process this does not return: the process exits with status 0 once the daemon has
     * reported ready (or the {@link DaemonizeException} is thrown). In the daemon it returns the
     * arguments the original process passed. The daemon runs {@code main} again from the top, so
     * code before the call runs twice.
     *
     * <pre>{@code
     * public static void main(String[] argv) {
     *     Object[] args = Daemoniker.daemonize(Path.of("/run/myapp.pid"), options, argv[0]);
     *     serve((String) args[0]);                      // only the daemon gets here
     * }
     * }</pre>
     *
     * @throws DaemonizeException if the daemon could not be started, with the reason
     */
    public static Object[] daemonize(Path pidFile, DaemonOptions options, Object... args) {
        Daemonized daemonized = new Daemonizer().daemonize(pidFile, options, args);
        if (daemonized.isParent()) {
            ParentExit.exitNow(0);
        }
        return daemonized.args();
    }

    /**
     * The {@link Daemonizer} block in one call, setup included, which cannot be misused by a
     * forgotten try block. {@code setup} runs in the original process only, exactly once, and
     * gives the arguments for the daemon; once the daemon has reported ready, {@code started} runs
     * there with the daemon's pid, and the original process exits with status 0 (or with status 2
     * if {@code started} throws, which is printed). In the daemon this returns the arguments.
     *
     * <pre>{@code
     * public static void main(String[] argv) {
     *     Object[] args = Daemoniker.daemonize(Path.of("app.pid"), options,
     *             () -> new Object[] {Config.load(argv), 8080},            // original process only
     *             pid -> System.out.println("started, pid " + pid));       // the daemon is up
     *     new Server((Config) args[0], (Integer) args[1]).run();          // only the daemon gets here
     * }
     * }</pre>
     *
     * @throws DaemonizeException if the daemon could not be started, with the reason
     */
    public static Object[] daemonize(Path pidFile, DaemonOptions options, Supplier<Object[]> setup,
            java.util.function.LongConsumer started) {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(started, "started");
        try (Daemonizer daemonizer = new Daemonizer()) {
            Daemonized daemonized = daemonizer.daemonize(pidFile, options, daemonizer.isSetup() ? setup.get() : new Object[0]);
            if (daemonized.isParent()) {
                started.accept(daemonized.pid());
            }
            return daemonized.args();   // the daemon's: in the original process, leaving the block ends it
        }
    }

    /**
     * In a daemon whose stdout or stderr is a file: opens those files again by their paths
     * (appending, created if missing; on Unix never through a link) and puts them in place of the
     * ones it has, so that after {@code logrotate} moved a log the daemon writes to a new one,
     * losing no line. {@link DaemonOptions.Builder#reopenLogsOn} does this on a signal (Unix),
     * {@link DaemonOptions.Builder#rotateLogs} rotates by size, and a Windows service does it on
     * the control 128; call it from a {@link SignalHandler} action of your own. On Windows, which
     * has no {@code dup2}, the new files become the standard handles and the targets of
     * {@code System.out} and {@code System.err}.
     *
     * <pre>{@code
     * handler.on(Signal.SIGUSR1, signal -> Daemoniker.reopenLogs());
     * }</pre>
     *
     * @return true if the logs were reopened; false outside a daemon, or for a daemon without log files
     * @throws DaemonikerException if a log cannot be opened again (the daemon keeps the one it had)
     */
    public static boolean reopenLogs() {
        return SettledDaemon.reopenLogs();
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
        return Platform.current().supervisor().send(state);
    }

    /**
     * Lets the supervisor hear that this daemon is alive only while {@code check} passes within
     * {@code timeLimit}: a deadlocked pool or a stuck event loop then gets the daemon restarted,
     * where a process that merely exists would not.
     *
     * <p>Under systemd with {@code WatchdogSec=} ({@code daemoniker service print --watchdog}), the
     * library sends {@code WATCHDOG=1} at half the interval from ready on, by itself, even without a
     * check; with one, only after the check passed, its time limit being at most a quarter of the
     * interval. A check that fails or does not return is said once, with a thread dump that names
     * deadlocks, in the daemon's log (its stderr: the journal, under systemd), and as
     * {@code STATUS=}; systemd then ends the service at the missed deadline and restarts it. A check
     * that passes again before then sends {@code WATCHDOG=1} again.
     *
     * <p>A Windows service (the Service Control Manager has no watchdog) runs the check every
     * {@code 2 × timeLimit}; one that fails is said in the log and the event log, and the service ends
     * as a failure (exit status 1, no stop reported), so that its recovery actions restart it
     * ({@code daemoniker service install} sets them). A detached daemon has nobody to restart it:
     * there nothing runs, and this returns false.
     *
     * <pre>{@code
     * Daemoniker.watchdog(() -> executor.submit(() -> { }).get(), Duration.ofSeconds(5));
     * }</pre>
     *
     * @return whether a supervisor watches this process (the check is then set; it is set once)
     * @throws IllegalStateException if a check was set already
     */
    public static boolean watchdog(HealthCheck check, Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        return Watchdog.watch(check, timeLimit);
    }

    /**
     * The listening socket this daemon was given, as a ready {@link ServerSocketChannel} (TCP or
     * Unix-domain): the one systemd passes on socket activation ({@code daemoniker service print
     * --listen}), or the one on standard input (inetd's way). Under systemd the library moves the
     * passed socket onto descriptor 0 as the daemon starts, so that {@code System.inheritedChannel()},
     * which servers such as Jetty and Tomcat take, gives it too. One socket: the JDK makes a channel
     * of one inherited socket only, so a socket unit with more is refused in one sentence.
     *
     * <pre>{@code
     * ServerSocketChannel server = Daemoniker.listeningChannel().orElseGet(() -> bind(8080));
     * }</pre>
     *
     * @return the channel, or empty where none was given
     */
    public static Optional<ServerSocketChannel> listeningChannel() {
        Platform.current().supervisor().takeListeningSocket();
        try {
            Channel inherited = System.inheritedChannel();
            return inherited instanceof ServerSocketChannel server ? Optional.of(server) : Optional.empty();
        } catch (IOException e) {
            throw new DaemonikerException("the socket on standard input could not be taken: " + e.getMessage(), e);
        }
    }

    /**
     * The exit status by which a daemon asks its supervisor to start it again (after a reload that
     * needs a new JVM, say): 75, {@code EX_TEMPFAIL} of sysexits.h ("try again"), distinct from a
     * requested stop (143, or 0 with {@code exitZeroOnStop}) and from any failure the JVM reports.
     * The units {@code daemoniker service} writes restart on it and count it as clean
     * ({@code RestartForceExitStatus=75}, {@code SuccessExitStatus=143 75}); a Windows service that
     * ends with it reports no stop, so its recovery actions restart it; a launchd job is kept alive
     * after any exit but 0.
     */
    public static final int RESTART_EXIT_STATUS = 75;

    /**
     * Ends this daemon with {@link #RESTART_EXIT_STATUS}, in order (shutdown hooks run, the pid
     * file goes), for its supervisor to start it again — where one would: a systemd service, a
     * Windows service, a launchd job. A detached daemon has nobody to start it again: there this
     * returns false, and the daemon goes on ({@code daemoniker restart} restarts it from outside).
     *
     * @return false where no supervisor would start this process again (otherwise it does not return)
     */
    public static boolean exitToRestart() {
        if (!Platform.current().supervisor().restartsThisProcess()) {
            return false;
        }
        System.err.println("daemoniker: exiting with status " + RESTART_EXIT_STATUS + ", for the supervisor to start"
                + " this daemon again");
        System.exit(RESTART_EXIT_STATUS);
        return true;
    }

    /**
     * Restarts the daemon of {@code pidFile} from outside: stops it ({@link #stop(Path, Duration,
     * boolean)}), then runs its user's own command again — the daemon's command line and environment
     * as Linux's {@code /proc} holds them and the directory its original process ran in, less what
     * the library added to the relaunch (its switch and origin variables, {@code --enable-native-access},
     * {@code DaemonOptions.jvmOptions}) — and waits for that command to report the new daemon up.
     * Everything is read before anything is stopped: a daemon whose command cannot be had (not Linux,
     * one in the foreground or started by {@code daemoniker start}, stripped arguments, another
     * user's) is refused in one sentence and left running. The command's own output goes to this
     * process's.
     *
     * @return the new daemon's pid
     * @throws DaemonikerException saying why nothing was restarted, or what happened after the stop
     */
    public static long restart(Path pidFile, Duration timeout, boolean killAfterTimeout) {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(timeout, "timeout");
        return guarded(() -> DaemonRestart.restart(pidFile, timeout, killAfterTimeout));
    }

    /**
     * Tells the supervisor that this start (before ready) or this stop (after SIGTERM) needs
     * {@code more} time than it gives — {@code EXTEND_TIMEOUT_USEC=} for systemd, which then waits
     * that much longer from now, and a Windows service's wait hint. Call it again for longer still.
     *
     * @return whether a supervisor waits for this process now and was told
     */
    public static boolean extendTimeout(Duration more) {
        Objects.requireNonNull(more, "more");
        if (more.isNegative() || more.isZero()) {
            throw new IllegalArgumentException("the extension must be positive, not " + more);
        }
        return Platform.current().supervisor().extendTimeout(more);
    }

    /**
     * Whether the daemon of {@code pidFile} runs, as an LSB init script's {@code status} tells it.
     * A daemon being started on the pid file is waited for, at most 30 seconds, so that its
     * outcome is told rather than "not running".
     *
     * <pre>{@code
     * DaemonStatus status = Daemoniker.status(Path.of("/run/app.pid"));
     * System.exit(status.state().exitCode());
     * }</pre>
     */
    public static DaemonStatus status(Path pidFile) {
        Objects.requireNonNull(pidFile, "pidFile");
        return guarded(() -> PidFileStatus.settled(pidFile).toDaemonStatus());
    }

    /**
     * {@link #status(Path)} for a pid file written without a lock (start-stop-daemon's
     * {@code --make-pidfile}, python-daemon), trusted as {@link #sendUnlocked} trusts it: its pid
     * running is "running".
     */
    public static DaemonStatus statusUnlocked(Path pidFile) {
        Objects.requireNonNull(pidFile, "pidFile");
        return guarded(() -> PidFileStatus.settled(pidFile).toDaemonStatus(true));
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
     *
     * @return the pid the signal went to
     */
    public static long send(Path pidFile, Signal signal) {
        return send(pidFile, signal, false);
    }

    /** {@link #send(Path, Signal)} with the signal's number on this system. */
    public static long send(Path pidFile, int signal) {
        return send(pidFile, Signal.of(signal));
    }

    /**
     * Sends {@code signal} to a pid file that no process holds locked, as Python Daemoniker and
     * many tools write them: the pid must be alive, but whether it is still that daemon's cannot be
     * told. A locked pid file gets the checks of {@link #send(Path, Signal)}. Init, this process
     * and its parent are never signalled.
     *
     * @return the pid the signal went to
     */
    public static long sendUnlocked(Path pidFile, Signal signal) {
        return send(pidFile, signal, true);
    }

    private static long send(Path pidFile, Signal signal, boolean trustUnlocked) {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(signal, "signal");
        return guarded(() -> SignalSender.send(pidFile, signal, trustUnlocked));
    }

    /**
     * Stops the daemon of {@code pidFile}: SIGTERM (with the checks of {@link #send(Path, Signal)}),
     * then waits at most {@code timeout} for it to end, and removes the pid file if it left one;
     * with {@code killAfterTimeout}, a daemon still running then is ended at once (SIGKILL,
     * TerminateProcess). A daemon that was not running is stopped already: a stale pid file is
     * removed. A daemon being started is waited for, then stopped.
     *
     * <pre>{@code
     * Stopped stopped = Daemoniker.stop(Path.of("/run/app.pid"), Duration.ofSeconds(10), true);
     * if (!stopped.isStopped()) {
     *     System.err.println(stopped);
     * }
     * }</pre>
     *
     * @throws DaemonikerException if the pid file cannot be trusted (see {@link #send(Path, Signal)}); nothing is sent
     */
    public static Stopped stop(Path pidFile, Duration timeout, boolean killAfterTimeout) {
        return stop(pidFile, timeout, killAfterTimeout, false);
    }

    /** {@link #stop} for a pid file written without a lock, trusted as {@link #sendUnlocked} trusts it. */
    public static Stopped stopUnlocked(Path pidFile, Duration timeout, boolean killAfterTimeout) {
        return stop(pidFile, timeout, killAfterTimeout, true);
    }

    private static Stopped stop(Path pidFile, Duration timeout, boolean kill, boolean trustUnlocked) {
        Objects.requireNonNull(pidFile, "pidFile");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the stop timeout " + timeout + " is negative: give zero or more");
        }
        return guarded(() -> DaemonStop.stop(pidFile, timeout, kill, trustUnlocked));
    }

    /**
     * Starts any program, not only Java, as a daemon (Linux only): double fork, new session, no
     * terminal, the streams, working directory and umask of {@code options}; its pid file is
     * locked on a descriptor the program inherits, and names the program's pid when this returns.
     * A program that forks and exits (one that daemonizes itself) is refused, and what it left
     * running is ended. This is {@code daemoniker start}.
     *
     * <pre>{@code
     * DaemonStatus started = Daemoniker.startProgram(Path.of("/run/web.pid"), options,
     *         List.of("python3", "-m", "http.server"));
     * System.out.println("pid " + started.pid() + " in " + started.pidFile());
     * }</pre>
     *
     * @return the program's status: running, its pid, its pid file as an absolute path
     * @throws DaemonizeException if it could not be started, with the reason; nothing is left behind
     */
    public static DaemonStatus startProgram(Path pidFile, DaemonOptions options, List<String> command) {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(options, "options");
        List<String> program = List.copyOf(command);
        long pid;
        try {
            pid = guarded(() -> ProgramStart.start(program, pidFile, options));
        } catch (DaemonikerException e) {
            throw Daemonizer.asStartFailure(e);
        }
        return new DaemonStatus(PidFileStatus.absolute(pidFile), DaemonStatus.State.RUNNING, pid, null);
    }

    /** A JVM out of threads or descriptors, or JNA that cannot load, is one sentence too. */
    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (OutOfMemoryError | LinkageError e) {
            throw Exhaustion.explain(e);
        }
    }
}
