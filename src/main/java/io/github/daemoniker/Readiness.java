package io.github.daemoniker;

/**
 * When the original process learns that its daemon is up.
 *
 * <pre>{@code
 * DaemonOptions options = DaemonOptions.builder().readiness(Readiness.MANUAL).build();
 * ...
 * server.bind(port);          // in the daemon, once it can serve
 * Daemoniker.ready();         // now the original process returns
 * }</pre>
 */
public enum Readiness {
    /** As soon as {@code daemonize} returns in the daemon: pid file locked, streams redirected. */
    AUTOMATIC,
    /**
     * When the daemon calls {@link Daemoniker#ready()}, within the success timeout; a daemon that
     * never does is stopped, and the original process told why.
     */
    MANUAL
}
