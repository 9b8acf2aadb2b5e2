package io.github.daemoniker;

import java.util.Optional;

/**
 * A daemon could not be started. Thrown in the original process; when the relaunched daemon
 * itself failed, the message carries the daemon's own reason, and {@link #daemonOutput()} what it
 * printed before it failed. Whatever the cause, nothing is left behind: no daemon process and no
 * pid file written by this attempt.
 */
public class DaemonizeException extends DaemonikerException {
    private static final long serialVersionUID = 1L;

    /** What the relaunched daemon printed before it failed, or null. */
    private final String daemonOutput;

    /** A failure to start, said in {@code message}. */
    public DaemonizeException(String message) {
        this(message, null, null);
    }

    /** A failure to start, said in {@code message}, caused by {@code cause}. */
    public DaemonizeException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** A failure of the relaunched daemon, with what it printed before it failed. */
    public DaemonizeException(String message, Throwable cause, String daemonOutput) {
        super(message, cause);
        this.daemonOutput = daemonOutput == null || daemonOutput.isEmpty() ? null : daemonOutput;
    }

    /**
     * What the relaunched process wrote to its standard output and error before it failed (the
     * JVM's own start-up errors land here), if anything.
     */
    public Optional<String> daemonOutput() {
        return Optional.ofNullable(daemonOutput);
    }
}
