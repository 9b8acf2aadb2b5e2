package io.github.daemoniker;

import io.github.daemoniker.internal.DaemonSide;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.Exhaustion;
import io.github.daemoniker.internal.ForegroundSide;
import io.github.daemoniker.internal.ParentExit;
import io.github.daemoniker.internal.ParentSide;
import io.github.daemoniker.internal.Supervisor;
import io.github.daemoniker.internal.ThisProcess;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the running program into a daemon, with setup code that runs once, in the original
 * process only.
 *
 * <pre>{@code
 * public static void main(String[] argv) {
 *     Config config = null;
 *     try (Daemonizer daemonizer = new Daemonizer()) {
 *         if (daemonizer.isSetup()) {
 *             config = Config.load(argv);                       // original process only
 *         }
 *         Daemonized d = daemonizer.daemonize(Path.of("/run/myapp.pid"), options, config);
 *         if (d.isParent()) {
 *             System.out.println("started, pid " + d.pid());     // original process, daemon is up
 *         }
 *         config = d.arg(0, Config.class);
 *     }
 *     // only the daemon gets here
 *     new Server(config).run();
 * }
 * }</pre>
 *
 * <p><b>How it works.</b> A forked JVM cannot go on running Java, so the daemon is a fresh JVM
 * started with this JVM's exact command line: {@code main} runs again from the top. An environment
 * switch makes {@link #isSetup()} false there, so the setup branch is skipped, and the arguments
 * given to {@code daemonize} travel to it serialized with Kryo over a private pipe. On Unix the
 * daemon is double-forked (not a session leader, no controlling terminal, re-parented to init),
 * its umask, working directory and standard streams are set, it holds its pid file locked for
 * its whole life, and only then does the original process learn "ready" and return from
 * {@code daemonize}. Any failure on the way reaches the original process as a
 * {@link DaemonizeException} with the daemon's own reason, and nothing is left running.
 *
 * <p><b>Rules.</b> One {@code daemonize} call per {@code Daemonizer}, inside the try block, on the
 * thread that runs {@code main}. Leaving the block ends the original process with status 0, and
 * code after the block runs in the daemon only. Without the try block the original process would
 * go on into the daemon's code: there, creating another {@code Daemonizer} or starting a
 * {@link SignalHandler} throws an {@link IllegalStateException} that says so (and
 * {@link Daemoniker#daemonize(Path, DaemonOptions, java.util.function.Supplier, java.util.function.LongConsumer)}
 * is this block in one call, which cannot be misused that way); an exception thrown in the original process's
 * branch is printed and ends it with status 2. The original process ends by halting: its shutdown
 * hooks do not run. Java's {@code user.dir} stays the original directory in the daemon even though
 * its real working directory changes, so daemon code should use absolute paths. A program the
 * daemon starts inherits the switch variable {@code DAEMONIKER_SWITCH}; remove it from a
 * {@code ProcessBuilder}'s environment if that program uses Daemoniker too.
 */
public final class Daemonizer implements AutoCloseable {

    private enum State { OPEN, PARENT, DAEMON, FOREGROUND, FAILED, CLOSED }

    /**
     * What went wrong when the original process goes on past {@code daemonize} with its
     * {@code Daemonizer} open: it would run the daemon's code a second time.
     */
    static final String NOT_CLOSED = "its Daemonizer was not closed after daemonize started the daemon, so this"
            + " process went on as if it were the daemon: open the Daemonizer in try-with-resources, whose end"
            + " ends the original process, or call Daemoniker.daemonize, which never returns there";

    /** The Daemonizer of this original process whose daemon is up, until it is closed. */
    private static volatile Daemonizer unclosedParent;

    private final DaemonSide daemonSide;
    private State state = State.OPEN;

    /**
     * Reads the environment switch. In a relaunched daemon this connects to the original process,
     * which is waiting; a switch that Daemoniker did not set is a {@link DaemonikerException}. In
     * the original process, the native layer starts loading in the background while setup runs.
     */
    public Daemonizer() {
        Exhaustion.prepare();
        Optional<DaemonSwitch> daemonSwitch = DaemonSwitch.fromEnvironment(System.getenv());
        if (daemonSwitch.isPresent()) {
            daemonSide = DaemonSide.attach(daemonSwitch.get());
        } else {
            daemonSide = null;
            refuseInAnOriginalThatWentOn("a second Daemonizer was created");
            Exhaustion.requireDescriptors();
            try {
                ParentSide.prepare();
            } catch (OutOfMemoryError | LinkageError e) {
                throw Exhaustion.explain(e);
            }
        }
    }

    /** True in the original process, before daemonizing; false in the relaunched daemon. */
    public boolean isSetup() {
        return daemonSide == null;
    }

    /** {@link #daemonize(Path, DaemonOptions, Object...)} with {@link DaemonOptions#defaults()}. */
    public Daemonized daemonize(Path pidFile, Object... args) {
        return daemonize(pidFile, DaemonOptions.defaults(), args);
    }

    /**
     * Starts the daemon, or, in the daemon, finishes becoming one.
     *
     * <p>In the original process: checks the pid file is free, serializes {@code args}, relaunches
     * this JVM detached and waits, at most {@link DaemonOptions#successTimeout()}, for the daemon
     * to report ready. Returns with {@link Daemonized#isParent()} true and the daemon's pid.
     *
     * <p>In the foreground ({@link Detach#NEVER}, or {@link Detach#AUTO} under a supervisor): takes
     * the pid file and settles this very process, and returns as the daemon would, with
     * {@link Daemonized#isParent()} false; nothing is relaunched and the streams stay as they are.
     *
     * <p>In the daemon: sets itself up as {@code options} say (as the original process resolved
     * them), locks and writes the pid file, reports ready, and returns the arguments the original
     * process passed; its own {@code pidFile}, {@code options} and {@code args} are not used.
     *
     * @throws DaemonizeException if the daemon could not be started, with the reason
     */
    public Daemonized daemonize(Path pidFile, DaemonOptions options, Object... args) {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(options, "options");
        Object[] values = args == null ? new Object[] {null} : args;
        if (state != State.OPEN) {
            throw new IllegalStateException(state == State.CLOSED
                    ? "daemonize was called after its Daemonizer was closed: call it inside the try block"
                    : "daemonize was already called on this Daemonizer: call it once per Daemonizer");
        }
        state = State.FAILED;
        try {
            return daemonizeOnce(pidFile, options, values);
        } catch (OutOfMemoryError | LinkageError e) {
            throw Exhaustion.explain(e);
        } catch (DaemonikerException e) {
            DaemonizeException failure = asStartFailure(e);
            if (daemonSide == null) {
                // a supervisor started this process: it is the one to tell
                Supervisor.tellFailed(failure.getMessage());
            }
            throw failure;
        }
    }

    private Daemonized daemonizeOnce(Path pidFile, DaemonOptions options, Object[] values) {
        if (daemonSide == null && ForegroundSide.applies(options)) {
            Object[] copies = ForegroundSide.daemonize(pidFile, options, values);
            state = State.FOREGROUND;
            return Daemonized.daemon(ThisProcess.pid(), copies);
        }
        if (daemonSide == null) {
            long pid = ParentSide.daemonize(pidFile, options, values);
            state = State.PARENT;
            unclosedParent = this;
            ParentExit.armCurrentThread();
            return Daemonized.parent(pid, values);
        }
        Object[] received = daemonSide.daemonize();
        state = State.DAEMON;
        return Daemonized.daemon(ThisProcess.pid(), received);
    }

    /**
     * Fails loudly where an original process whose daemon is up does what only its daemon should:
     * a forgotten try-with-resources must not run the daemon twice.
     */
    static void refuseInAnOriginalThatWentOn(String what) {
        if (unclosedParent != null) {
            throw new IllegalStateException(what + " in the original process after its daemon was started: " + NOT_CLOSED);
        }
    }

    /**
     * Any failure on the way to a started daemon as the {@link DaemonizeException} the API
     * promises: a failed system call (a pipe, posix_spawn, waitpid) throws the base type.
     */
    static DaemonizeException asStartFailure(DaemonikerException e) {
        return e instanceof DaemonizeException start ? start : new DaemonizeException(e.getMessage(), e);
    }

    /**
     * In the original process after a successful {@code daemonize}, ends the process (see the
     * class rules); everywhere else it only closes this {@code Daemonizer}.
     */
    @Override
    public void close() {
        State was = state;
        state = State.CLOSED;
        if (was == State.PARENT) {
            throw new ParentExit();
        }
        if (was == State.OPEN && daemonSide != null) {
            DaemonizeException e = new DaemonizeException("the relaunched daemon left its Daemonizer block"
                    + " without calling daemonize (an exception, or a path that skips it): call daemonize on every"
                    + " path through the block");
            daemonSide.fail(e);
            throw e;
        }
    }
}
