package io.github.daemoniker;

/**
 * Signal handling could not do what was asked: a signal the JVM will not let go of, a handler
 * thread that could not start. The message says which signal and why.
 */
public class SignalError extends DaemonikerException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, one sentence. */
    public SignalError(String message) {
        super(message);
    }

    /** An exception with {@code message}, one sentence, caused by {@code cause}. */
    public SignalError(String message, Throwable cause) {
        super(message, cause);
    }
}
