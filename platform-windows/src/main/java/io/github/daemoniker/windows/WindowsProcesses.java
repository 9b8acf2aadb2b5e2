package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.Processes;
import io.github.daemoniker.internal.SettledDaemon;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Signals carried by sleeper processes (and the console's Ctrl+C), processes ended with TerminateProcess. */
final class WindowsProcesses implements Processes {
    private final WindowsSleepers sleepers = new WindowsSleepers();
    private final Map<Path, SleeperListener> listeners = new ConcurrentHashMap<>();
    private final ServiceHost service = new ServiceHost(this::raise);

    /** This process as a Windows service, whose stops arrive as SIGTERM. */
    ServiceHost service() {
        return service;
    }

    @Override
    public boolean isRunning(long pid) {
        return running(pid);
    }

    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void send(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame) {
        SleeperSender.send(pidFile, pid, signal, stillTheSame, sleepers);
    }

    @Override
    public void kill(long pid, BooleanSupplier stillTheSame) {
        HANDLE process = Win32.KERNEL32.OpenProcess(WinNT.PROCESS_TERMINATE, false, (int) pid);
        if (process == null) {
            throw new DaemonikerException("process " + pid + " could not be opened to be ended: "
                    + WindowsHandles.describe(Win32.lastError()));
        }
        try {
            if (!stillTheSame.getAsBoolean()) {
                throw new DaemonikerException("process " + pid
                        + " stopped being the pid file's holder while it was being ended: nothing was done");
            }
            if (!Win32.KERNEL32.TerminateProcess(process, 1)) {
                throw new DaemonikerException("process " + pid + " could not be ended: "
                        + WindowsHandles.describe(Win32.lastError()));
            }
        } finally {
            WindowsHandles.close(process);
        }
    }

    @Override
    public Runnable handle(Path pidFile, Signal signal, Consumer<Signal> sink) {
        Consumer<Signal> noted = received -> {
            service.stopAskedBy(received);
            sink.accept(received);
        };
        Runnable sleeper = listeners.computeIfAbsent(pidFile.toAbsolutePath().normalize(),
                path -> new SleeperListener(path, sleepers)).handle(signal, noted);
        if (signal != Signal.SIGINT) {
            return sleeper;
        }
        Runnable console = WindowsConsole.onInterrupt(noted);
        return () -> {
            console.run();
            sleeper.run();
        };
    }

    /**
     * Delivers {@code signal} inside this process as if it had been sent: to its handler, or, with
     * none, as the JVM would take it (it ends, running its shutdown hooks).
     */
    private void raise(Signal signal) {
        Consumer<Signal> sink = listeners.values().stream().flatMap(listener -> listener.sink(signal).stream())
                .findFirst().orElse(null);
        if (sink != null) {
            sink.accept(signal);
        } else {
            Runtime.getRuntime().exit(SettledDaemon.exitStatus(signal));
        }
    }
}
