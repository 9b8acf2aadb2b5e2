package io.github.daemoniker.windows;

import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.ThisProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The daemon's side of Windows signals: one sleeper at a time stands for the daemon, named in the
 * sleeper file; when it ends, the next one is started and named <em>before</em> the signal its
 * exit code carries is delivered, so a signal sent meanwhile has a sleeper to end. An exit code
 * that carries no signal (a tool killed the sleeper, it crashed) is logged, not delivered.
 */
final class SleeperListener {
    private static final System.Logger LOG = System.getLogger(SleeperListener.class.getName());

    private final Path pidFile;
    private final Sleepers sleepers;
    private final long self = ThisProcess.pid();
    private final Map<Signal, Consumer<Signal>> sinks = new ConcurrentHashMap<>();
    /** The sleeper that stands for the daemon; a listener whose sleeper it no longer is stops. */
    private Sleepers.Sleeper current;

    public SleeperListener(Path pidFile, Sleepers sleepers) {
        this.pidFile = pidFile;
        this.sleepers = sleepers;
    }

    /**
     * Routes {@code signal} to {@code sink}, starting the first sleeper if none runs; returns what
     * stops routing it, and the last of these stops the sleepers.
     */
    public synchronized Runnable handle(Signal signal, Consumer<Signal> sink) {
        if (current == null) {
            Sleepers.Sleeper first = next();
            Thread listener = new Thread(() -> listen(first), "daemoniker-sleeper");
            listener.setDaemon(true);
            listener.start();
        }
        sinks.put(signal, sink);
        return () -> unhandle(signal, sink);
    }

    /** What {@code signal} is routed to, if anything. */
    Optional<Consumer<Signal>> sink(Signal signal) {
        return Optional.ofNullable(sinks.get(signal));
    }

    private synchronized void unhandle(Signal signal, Consumer<Signal> sink) {
        if (sinks.remove(signal, sink) && sinks.isEmpty() && current != null) {
            current.end(0);
            current = null;
            SleeperFile.remove(pidFile, self);
        }
    }

    private Sleepers.Sleeper next() {
        Sleepers.Sleeper sleeper = sleepers.start();
        try {
            new SleeperFile(self, sleeper.pid(), sleeper.startTime()).write(pidFile);
        } catch (RuntimeException e) {
            sleeper.end(0);
            sleeper.close();
            throw e;
        }
        current = sleeper;
        return sleeper;
    }

    private void listen(Sleepers.Sleeper first) {
        Sleepers.Sleeper sleeper = first;
        while (true) {
            int exitCode = sleeper.awaitExit();
            long ended = sleeper.pid();
            synchronized (this) {
                sleeper.close();
                if (current != sleeper) {
                    return;
                }
            }
            sleeper = replace(ended);
            if (sleeper == null) {
                return;
            }
            deliver(exitCode, ended, sleeper.pid());
        }
    }

    /**
     * The next sleeper, tried again every second for as long as it cannot be had (a sleeper file
     * held open by another program, no process to be started): never given up in silence, and
     * stopped only when the last handler goes. Null once it has.
     */
    private Sleepers.Sleeper replace(long ended) {
        for (int attempt = 0; ; attempt++) {
            synchronized (this) {
                if (current == null) {
                    return null;
                }
                try {
                    return next();
                } catch (RuntimeException e) {
                    if (attempt % 60 == 0) {
                        LOG.log(System.Logger.Level.ERROR, "signal sleeper " + ended + " could not be replaced, so"
                                + " no signal reaches this daemon until it is; trying again every second", e);
                    }
                }
            }
            LockSupport.parkNanos(1_000_000_000L);
        }
    }

    private void deliver(int exitCode, long ended, long replacement) {
        Optional<Signal> signal = WindowsSignalCodes.ofExitCode(exitCode);
        Consumer<Signal> sink = signal.map(sinks::get).orElse(null);
        if (sink != null) {
            sink.accept(signal.get());
        } else {
            LOG.log(System.Logger.Level.WARNING, "signal sleeper " + ended + " ended with exit code " + exitCode
                    + ", which carries no signal this daemon handles (a tool ended it, or it crashed): sleeper "
                    + replacement + " stands in for it");
        }
    }
}
