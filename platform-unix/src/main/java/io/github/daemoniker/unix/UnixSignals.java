package io.github.daemoniker.unix;

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

    static Runnable handle(Signal signal, Consumer<Signal> sink) {
        sun.misc.Signal jdkSignal = new sun.misc.Signal(signal.name().substring(3));
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(jdkSignal, s -> sink.accept(signal));
        } catch (IllegalArgumentException e) {
            throw new SignalError(signal + " cannot be handled in this JVM, which keeps it for itself ("
                    + e.getMessage() + "): the JVM uses it internally, or runs with -Xrs", e);
        }
        return () -> sun.misc.Signal.handle(jdkSignal, previous);
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
