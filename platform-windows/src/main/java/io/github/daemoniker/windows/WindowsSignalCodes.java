package io.github.daemoniker.windows;

import io.github.daemoniker.Signal;
import java.util.Optional;

/**
 * How signals are numbered and recognised on Windows, which has none of its own: the C runtime's
 * numbers (as Python's), carried by a sleeper's exit code, and the console's control events.
 * Plain Java, so the Linux suite checks it too.
 */
final class WindowsSignalCodes {
    /**
     * The top byte of a sender's own exit code: no NTSTATUS (0xC0…, 0x80…, 0x40…) and no exit code a
     * tool sets; the low byte is the signal's number, the two between the sender's own.
     */
    private static final int SENDER_TAG = 0x5D000000;

    private WindowsSignalCodes() {
    }

    /** The number of the signal named {@code name} on Windows; 0 for one Windows does not have. */
    public static int number(String name) {
        switch (name) {
            case "SIGINT":
                return 2;
            case "SIGABRT":
                return 22;
            case "SIGTERM":
                return 15;
            default:
                return 0;
        }
    }

    /**
     * The exit code one sender ends a sleeper with: the signal's number, marked as this sender's,
     * so that of two senders that end one sleeper at once (TerminateProcess succeeds for both while
     * it is ending), each can tell afterwards whether the code it ended with is its own.
     */
    public static int senderCode(int signalNumber, int sender) {
        return SENDER_TAG | (sender & 0xFFFF) << 8 | signalNumber;
    }

    /**
     * The signal a sleeper that ended with {@code exitCode} carried, if any: a sleeper killed by a
     * tool (exit code 1), crashed, or ended for any other reason carried none. A plain signal
     * number counts too, as another implementation may send it.
     */
    public static Optional<Signal> ofExitCode(int exitCode) {
        if (exitCode == Win32.STATUS_CONTROL_C_EXIT) {
            return Optional.of(Signal.SIGINT);
        }
        if ((exitCode & 0xFF000000) == SENDER_TAG) {
            exitCode &= 0xFF;
        }
        for (Signal signal : Signal.values()) {
            if (exitCode != 0 && number(signal.name()) == exitCode) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    /**
     * The signal a console control event stands for: Ctrl+C and Ctrl+Break are SIGINT, as in
     * Daemoniker; closing, logoff and shutdown are left to the JVM, which runs its shutdown hooks.
     */
    public static Optional<Signal> ofConsoleEvent(int event) {
        return event == Win32.CTRL_C_EVENT || event == Win32.CTRL_BREAK_EVENT ? Optional.of(Signal.SIGINT) : Optional.empty();
    }
}
