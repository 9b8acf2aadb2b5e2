package io.github.daemoniker;

import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.SettledDaemon;
import io.github.daemoniker.internal.SignalQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives a daemon SIGINT, SIGTERM and SIGABRT (and, on Unix, SIGHUP, SIGUSR1, SIGUSR2), with
 * handlers that run one at a time, in arrival order, on one thread named
 * {@code daemoniker-signals}. Daemoniker's {@code SignalHandler1}.
 *
 * <pre>{@code
 * SignalHandler handler = new SignalHandler(pidFile);
 * handler.onSigterm(sig -> server.stopGracefully());    // a handler of your own
 * handler.onSigint(SignalHandler.IGNORE);               // explicitly ignored
 * handler.on(Signal.SIGHUP, sig -> config.reload());    // Unix
 * handler.start();                                      // SIGABRT keeps the default
 * }</pre>
 *
 * <p><b>The default handler</b> ({@code null}) is Java's form of Daemoniker's "raise in the main
 * thread": if a thread is waiting in {@link #awaitSignal()}, the signal is handed to it as a
 * {@link ReceivedSignal}; otherwise the process ends in order, as a JVM does on SIGTERM: shutdown
 * hooks run (the daemon's pid file is removed) and the exit status is 128 + the signal's number
 * (0 for SIGTERM with {@link DaemonOptions.Builder#exitZeroOnStop}).
 *
 * <p>Handlers may be set and replaced before and after {@link #start()}. {@link #stop()} (and
 * {@link #close()}) restores the handlers that were there before; it is idempotent and runs by
 * itself when the JVM shuts down. A handler that throws is logged, and the next signal is handled
 * as usual. A signal the JVM will not give up (one it uses itself, or any with {@code -Xrs}) is a
 * {@link SignalError} from {@code start()} or {@code on()}, naming it.
 *
 * <p><b>On Windows</b>, which has no signals, a sleeper process stands for the daemon while the
 * handler is started: a suspended copy of {@code javaw.exe} that never runs, in a job object
 * that ends it with the daemon, named with its start time in {@code <pidFile>.sleeper} (the pid
 * file keeps the daemon's pid). {@link Daemoniker#send} ends the sleeper with the signal's number
 * as its exit code; the daemon starts the next sleeper before it runs the handler, so no signal
 * is lost meanwhile, and a sleeper ended any other way (a tool, a crash) is logged and replaced,
 * never taken for a signal. Ctrl+C and Ctrl+Break in a console are SIGINT, as in Daemoniker.
 */
public final class SignalHandler implements AutoCloseable {

    /** What runs when a signal arrives, on the {@code daemoniker-signals} thread. */
    @FunctionalInterface
    public interface Action {
        /** Handles {@code signal}; an exception it throws is logged, and the handler goes on. */
        void handle(Signal signal) throws Exception;
    }

    /** Receives the signal and does nothing. */
    public static final Action IGNORE = signal -> { };

    private static final System.Logger LOG = System.getLogger(SignalHandler.class.getName());

    private final Path pidFile;
    private final Map<Signal, Action> actions = new EnumMap<>(Signal.class);
    private final Map<Signal, Runnable> installed = new EnumMap<>(Signal.class);
    private final SignalQueue queue = new SignalQueue(this::dispatch);
    private final BlockingQueue<Signal> awaited = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::stop, "daemoniker-signals-stop");
    private boolean started;

    /** A handler for the daemon whose pid file this is (Windows signals it through that file). */
    public SignalHandler(Path pidFile) {
        this.pidFile = Objects.requireNonNull(pidFile, "pidFile").toAbsolutePath();
    }

    /** The daemon's pid file, through which Windows delivers signals. */
    public Path pidFile() {
        return pidFile;
    }

    /** {@link #on(Signal, Action)} for SIGINT. */
    public SignalHandler onSigint(Action action) {
        return on(Signal.SIGINT, action);
    }

    /** {@link #on(Signal, Action)} for SIGTERM. */
    public SignalHandler onSigterm(Action action) {
        return on(Signal.SIGTERM, action);
    }

    /** {@link #on(Signal, Action)} for SIGABRT. */
    public SignalHandler onSigabrt(Action action) {
        return on(Signal.SIGABRT, action);
    }

    /**
     * Sets the handler of {@code signal}: an {@link Action}, {@link #IGNORE}, or {@code null} for
     * the default. Takes effect at once if the handler is started.
     */
    public synchronized SignalHandler on(Signal signal, Action action) {
        Objects.requireNonNull(signal, "signal");
        if (!signal.isAvailable()) {
            throw new SignalError(signal + " does not exist on " + OperatingSystem.shownName()
                    + ": handle one of " + Signal.handleable() + " instead");
        }
        if (!signal.isHandleable()) {
            throw new SignalError(signal + (signal == Signal.SIGKILL ? " cannot be caught by any process"
                    : " is the JVM's own (it prints a thread dump)") + ": handle one of " + Signal.handleable()
                    + " instead");
        }
        if (action == null) {
            actions.remove(signal);
        } else {
            actions.put(signal, action);
        }
        if (started) {
            install(signal);
        }
        return this;
    }

    /**
     * Starts handling SIGINT, SIGTERM, SIGABRT and every signal given a handler.
     *
     * @throws SignalError if the JVM will not let one of them be handled; none is then handled
     * @throws IllegalStateException in an original process that went on past {@code daemonize}
     *         without closing its {@link Daemonizer}
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        Daemonizer.refuseInAnOriginalThatWentOn("a SignalHandler was started");
        try {
            for (Signal signal : new Signal[] {Signal.SIGINT, Signal.SIGTERM, Signal.SIGABRT}) {
                install(signal);
            }
            for (Signal signal : actions.keySet()) {
                install(signal);
            }
        } catch (SignalError e) {
            restore();
            throw e;
        }
        queue.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        started = true;
    }

    private void install(Signal signal) {
        if (!installed.containsKey(signal)) {
            installed.put(signal, Platform.current().processes().handle(pidFile, signal, queue::deliver));
        }
    }

    /** Restores the previous handlers and stops the handler thread. Idempotent. */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        restore();
        queue.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook running
        }
    }

    private void restore() {
        installed.values().forEach(Runnable::run);
        installed.clear();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Waits for the next signal whose handler is the default, and returns it as a value instead of
     * ending the process.
     */
    public ReceivedSignal awaitSignal() throws InterruptedException {
        waiting.incrementAndGet();
        try {
            return ReceivedSignal.of(awaited.take());
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** {@link #awaitSignal()}, at most {@code timeout}; empty if none came. */
    public Optional<ReceivedSignal> awaitSignal(Duration timeout) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            Signal signal = awaited.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.ofNullable(signal).map(ReceivedSignal::of);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void dispatch(Signal signal) {
        Action action;
        synchronized (this) {
            action = actions.get(signal);
        }
        if (action == null) {
            byDefault(signal);
            return;
        }
        try {
            action.handle(signal);
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the " + signal + " handler failed", e);
        }
    }

    private void byDefault(Signal signal) {
        if (waiting.get() > 0) {
            awaited.add(signal);
        } else {
            Runtime.getRuntime().exit(SettledDaemon.exitStatus(signal));
        }
    }
}
