package io.github.daemoniker.windows;

import io.github.daemoniker.Signal;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Ctrl+C and Ctrl+Break as SIGINT, for a daemon that still has a console (one kept in the
 * foreground): a console control handler of ours, called before the JVM's, takes them while a
 * SIGINT handler is set, and passes every other event (closing, logoff, shutdown) to the JVM.
 */
final class WindowsConsole {
    static final Set<Consumer<Signal>> SINKS = new CopyOnWriteArraySet<>();

    /** Kept here for good: the system calls it from its own threads. */
    static final Win32Types.ConsoleHandler HANDLER = event -> {
        Optional<Signal> signal = WindowsSignalCodes.ofConsoleEvent(event);
        if (signal.isEmpty() || SINKS.isEmpty()) {
            return false;
        }
        SINKS.forEach(sink -> sink.accept(signal.get()));
        return true;
    };

    private static boolean registered;

    private WindowsConsole() {
    }

    /** Routes Ctrl+C and Ctrl+Break to {@code sink}; returns what stops it. */
    static synchronized Runnable onInterrupt(Consumer<Signal> sink) {
        if (!registered) {
            registered = Win32.KERNEL32.SetConsoleCtrlHandler(HANDLER, true);
        }
        SINKS.add(sink);
        return () -> SINKS.remove(sink);
    }
}
