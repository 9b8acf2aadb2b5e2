package io.github.daemoniker.unix;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.daemoniker.Signal;
import io.github.daemoniker.SignalError;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Receiving signals through the JDK's own dispatch ({@code sun.misc.Signal}), which every JVM
 * keeps; sending them pinned to the process where Linux allows it (a pidfd), with kill elsewhere.
 */
final class UnixSignals {

    private UnixSignals() {
    }

    /**
     * A JVM keeps a shutdown signal (HUP, INT, TERM) that it found ignored ignored — under
     * {@code nohup}, or as a shell's background job —, answering as if it had taken it: such a
     * signal is put back to its default first, and ignored again when the handler is removed.
     */
    static Runnable handle(Signal signal, Consumer<Signal> sink) {
        sun.misc.Signal jdkSignal = new sun.misc.Signal(signal.name().substring(3));
        sun.misc.SignalHandler handler = s -> sink.accept(signal);
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(jdkSignal, handler);
            if (previous == sun.misc.SignalHandler.SIG_IGN && isIgnored(signal.number(), signal.name())) {
                toDefault(signal.number(), signal.name());
                sun.misc.Signal.handle(jdkSignal, handler);
            }
        } catch (IllegalArgumentException e) {
            throw new SignalError(signal + " cannot be handled in this JVM, which keeps it for itself ("
                    + e.getMessage() + "): the JVM uses it internally, or runs with -Xrs", e);
        }
        return () -> sun.misc.Signal.handle(jdkSignal, previous);
    }

    /** Whether signal {@code number}'s disposition is SIG_IGN. */
    static boolean isIgnored(int number, String name) {
        Memory current = new Memory(UnixConstants.SIGACTION_SIZE);
        current.clear();
        Errno.check(LibC.sigaction(number, null, current), "reading the " + name + " disposition");
        return Pointer.nativeValue(current.getPointer(0)) == UnixConstants.SIG_IGN;
    }

    /** Puts signal {@code number} back to its default disposition (SIG_DFL, an empty mask). */
    static void toDefault(int number, String name) {
        Memory defaultAction = new Memory(UnixConstants.SIGACTION_SIZE);
        defaultAction.clear();
        Errno.check(LibC.sigaction(number, defaultAction, null), "restoring " + name);
    }

    /**
     * On Linux 5.3 and later the process is pinned by a pidfd before {@code stillTheSame} is
     * asked, so a pid reused after that question is never signalled.
     */
    static void send(long pid, String name, int number, BooleanSupplier stillTheSame) {
        long pidfd = UnixConstants.LINUX ? LibC.Variadic.INSTANCE.syscall(UnixConstants.SYS_PIDFD_OPEN, (int) pid, 0) : -1;
        try {
            if (!stillTheSame.getAsBoolean()) {
                throw new io.github.daemoniker.DaemonikerException("process " + pid
                        + " stopped being the pid file's holder while the signal was being sent: nothing was sent");
            }
            long result = pidfd >= 0
                    ? LibC.Variadic.INSTANCE.syscall(UnixConstants.SYS_PIDFD_SEND_SIGNAL, (int) pidfd, number, null, 0)
                    : LibC.kill((int) pid, number);
            if (result == -1) {
                throw Errno.failure("sending " + name + " to process " + pid, Errno.last());
            }
        } finally {
            if (pidfd >= 0) {
                LibC.close((int) pidfd);
            }
        }
    }
}
