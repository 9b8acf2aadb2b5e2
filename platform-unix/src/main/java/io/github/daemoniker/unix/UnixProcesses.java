package io.github.daemoniker.unix;

import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Signals sent with kill (pinned by a pidfd on Linux 5.3+) and received through the JVM's handlers. */
final class UnixProcesses implements Processes {

    /** Linux: the state in /proc, where a zombie is "Z"; elsewhere the JDK's view. */
    @Override
    public boolean isRunning(long pid) {
        return running(pid);
    }

    static boolean running(long pid) {
        if (OperatingSystem.current() != OperatingSystem.LINUX) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void send(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame) {
        UnixSignals.send(pid, signal.name(), signal.number(), stillTheSame);
    }

    @Override
    public void kill(long pid, BooleanSupplier stillTheSame) {
        UnixSignals.send(pid, "SIGKILL", UnixConstants.SIGKILL, stillTheSame);
    }

    @Override
    public Runnable handle(Path pidFile, Signal signal, Consumer<Signal> sink) {
        return UnixSignals.handle(signal, sink);
    }
}
