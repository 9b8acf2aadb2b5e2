package io.github.daemoniker;

/**
 * What healthy means for this daemon, as only the application can say: a pool that hands out a
 * connection, an event loop that runs a task, a queue that moves. Given to
 * {@link Daemoniker#watchdog}, it decides whether the supervisor hears that the daemon is alive.
 *
 * <pre>{@code
 * Daemoniker.watchdog(() -> {
 *     try (Connection c = pool.getConnection()) {
 *         c.isValid(1);
 *     }
 * }, Duration.ofSeconds(5));
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Returns if the daemon is healthy; throws if it is not, the exception's message being the
     * reason the log and the supervisor are given. A check that does not return within its time
     * limit counts as failed.
     */
    void check() throws Exception;
}
