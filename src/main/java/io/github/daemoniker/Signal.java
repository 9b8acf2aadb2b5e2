package io.github.daemoniker;

import io.github.daemoniker.internal.OperatingSystem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The signals Daemoniker handles and sends. {@link #SIGINT}, {@link #SIGTERM} and
 * {@link #SIGABRT} exist on every system (the three Daemoniker supports); {@link #SIGHUP},
 * {@link #SIGUSR1} and {@link #SIGUSR2} on Unix only, for reload, log reopening and the user's own
 * use; {@link #SIGQUIT} (a JVM's thread dump) and {@link #SIGKILL} are Unix's too, and can be sent
 * but not handled. {@link #number()} is the number on the running system: SIGUSR1 is 10 on Linux and 30 on
 * macOS, SIGABRT 6 on Unix and 22 on Windows (the C runtime's number, as Python's).
 *
 * <pre>{@code
 * Daemoniker.send(pidFile, Signal.SIGHUP);          // reload
 * Signal s = Signal.of(15);                         // Signal.SIGTERM
 * }</pre>
 */
public enum Signal {
    /** Hang-up: by convention, reload (Unix only). */
    SIGHUP(1, 1, 0),
    /** Interrupt: Ctrl+C. */
    SIGINT(2, 2, 2),
    /**
     * Quit: a JVM prints a thread dump of itself and goes on (Unix only). Sent, never handled: the
     * JVM keeps it.
     */
    SIGQUIT(3, 3, 0),
    /** Abort. */
    SIGABRT(6, 6, 22),
    /** Kill: the kernel ends the process at once, no handler or hook runs (Unix only). Sent, never handled. */
    SIGKILL(9, 9, 0),
    /** For the user's own use; by convention, reopen logs (Unix only). */
    SIGUSR1(10, 30, 0),
    /** For the user's own use (Unix only). */
    SIGUSR2(12, 31, 0),
    /** Terminate: the polite request to stop. */
    SIGTERM(15, 15, 15);

    private static final OperatingSystem OS = OperatingSystem.current();

    private final int linux;
    /** macOS and the BSDs share these numbers. */
    private final int bsd;
    private final int windows;

    /** {@code windows}: the C runtime's number, 0 where Windows has no such signal. */
    Signal(int linux, int bsd, int windows) {
        this.linux = linux;
        this.bsd = bsd;
        this.windows = windows;
    }

    /** Whether the running system has this signal. */
    public boolean isAvailable() {
        return number() != 0;
    }

    /** This signal's number on the running system; 0 where it does not exist. */
    public int number() {
        return OS == OperatingSystem.LINUX ? linux : OS == OperatingSystem.WINDOWS ? windows : bsd;
    }

    /**
     * The signal with this number on the running system.
     *
     * @throws IllegalArgumentException for a number that is none of these signals
     */
    public static Signal of(int number) {
        for (Signal signal : values()) {
            if (signal.isAvailable() && signal.number() == number) {
                return signal;
            }
        }
        throw new IllegalArgumentException("signal " + number + " is not one Daemoniker handles: use one of "
                + available());
    }

    /** The signal of this name, with or without "SIG", in any case: "term", "SIGTERM", "Hup". */
    public static Signal of(String name) {
        String upper = name.strip().toUpperCase(java.util.Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        for (Signal signal : values()) {
            if (signal.name().equals(full) && signal.isAvailable()) {
                return signal;
            }
        }
        throw new IllegalArgumentException("signal '" + name + "' is not one Daemoniker handles: use one of "
                + available());
    }

    /** Whether a {@link SignalHandler} can take this signal: SIGKILL cannot be caught, the JVM keeps SIGQUIT. */
    boolean isHandleable() {
        return this != SIGQUIT && this != SIGKILL;
    }

    /** The signals of the running system, as "SIGINT (2)". */
    static String available() {
        return names(Signal::isAvailable);
    }

    /** The signals a {@link SignalHandler} can take on the running system, as "SIGINT (2)". */
    static String handleable() {
        return names(s -> s.isAvailable() && s.isHandleable());
    }

    private static String names(java.util.function.Predicate<Signal> which) {
        List<String> names = Arrays.stream(values()).filter(which)
                .map(s -> s.name() + " (" + s.number() + ")").collect(Collectors.toList());
        return String.join(", ", names);
    }
}
