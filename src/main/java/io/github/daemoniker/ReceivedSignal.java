package io.github.daemoniker;

/**
 * A signal received, as a value: what {@link SignalHandler#awaitSignal()} returns, typed by the
 * signal, so that a program can {@code throw} it, catch one kind, or switch on {@link #signal()}.
 *
 * <pre>{@code
 * try {
 *     throw handler.awaitSignal();
 * } catch (ReceivedSignal.Sigterm | ReceivedSignal.Sigint stop) {
 *     server.stop();
 * }
 * }</pre>
 */
public class ReceivedSignal extends DaemonikerException {
    private static final long serialVersionUID = 1L;

    /** The signal that was received. */
    private final Signal signal;

    ReceivedSignal(Signal signal) {
        super(signal.name() + " received", null);
        this.signal = signal;
    }

    /** The signal that was received. */
    public Signal signal() {
        return signal;
    }

    /** The signal's number on this system, as Python's {@code int(SIGTERM())}. */
    public int number() {
        return signal.number();
    }

    /** The typed value for {@code signal}. */
    public static ReceivedSignal of(Signal signal) {
        switch (signal) {
            case SIGINT:
                return new Sigint();
            case SIGTERM:
                return new Sigterm();
            case SIGABRT:
                return new Sigabrt();
            case SIGHUP:
                return new Sighup();
            case SIGUSR1:
                return new Sigusr1();
            case SIGUSR2:
                return new Sigusr2();
            default:
                throw new IllegalArgumentException(signal + " is never received by a SignalHandler");
        }
    }

    /** SIGINT was received. */
    public static final class Sigint extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sigint() {
            super(Signal.SIGINT);
        }
    }

    /** SIGTERM was received. */
    public static final class Sigterm extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sigterm() {
            super(Signal.SIGTERM);
        }
    }

    /** SIGABRT was received. */
    public static final class Sigabrt extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sigabrt() {
            super(Signal.SIGABRT);
        }
    }

    /** SIGHUP was received. */
    public static final class Sighup extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sighup() {
            super(Signal.SIGHUP);
        }
    }

    /** SIGUSR1 was received. */
    public static final class Sigusr1 extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sigusr1() {
            super(Signal.SIGUSR1);
        }
    }

    /** SIGUSR2 was received. */
    public static final class Sigusr2 extends ReceivedSignal {
        private static final long serialVersionUID = 1L;

        Sigusr2() {
            super(Signal.SIGUSR2);
        }
    }
}
