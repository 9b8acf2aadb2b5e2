package io.github.daemoniker;

/**
 * The root of every exception this library throws. It is unchecked, and its message is one
 * sentence naming the path, pid or option at fault and what to do about it.
 */
public class DaemonikerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, one sentence. */
    public DaemonikerException(String message) {
        super(message);
    }

    /** An exception with {@code message}, one sentence, caused by {@code cause}. */
    public DaemonikerException(String message, Throwable cause) {
        super(message, cause);
    }
}
