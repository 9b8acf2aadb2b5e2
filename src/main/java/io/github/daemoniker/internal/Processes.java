package io.github.daemoniker.internal;

import io.github.daemoniker.Signal;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Processes and signals: whether one runs, sending it a signal, ending it, receiving signals. */
public interface Processes {

    /** Whether {@code pid} is a running process (a zombie, dead but not yet reaped, is not). */
    boolean isRunning(long pid);

    /**
     * Sends {@code signal} to {@code pid}, the daemon of {@code pidFile}, if {@code stillTheSame}
     * still says so once the process is pinned (where the system can pin it, its pid cannot be
     * reused in between).
     */
    void send(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame);

    /** Ends {@code pid} at once (SIGKILL, TerminateProcess), with the same pinning. */
    void kill(long pid, BooleanSupplier stillTheSame);

    /**
     * Routes {@code signal}, sent to the daemon of {@code pidFile}, to {@code sink} instead of its
     * current handler; returns what puts the previous handler back. (Windows delivers signals
     * through the pid file; Unix through the process.)
     *
     * @throws io.github.daemoniker.SignalError if the JVM will not give the signal up
     */
    Runnable handle(Path pidFile, Signal signal, Consumer<Signal> sink);
}
