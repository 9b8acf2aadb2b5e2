package io.github.daemoniker.internal;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A relaunched process as its original process sees it, until the daemon reports back. Each
 * stream is closed by whoever consumes it, at its end.
 */
public interface Launched {

    /** Where the hand-off is written; closing it tells the daemon the hand-off is complete. */
    OutputStream handOff();

    /** What the daemon reports: see {@link ReadinessChannel}. */
    InputStream readiness();

    /** What the relaunched process writes to stdout and stderr until it redirects them. */
    InputStream output();

    /**
     * For a daemonization that failed: gives the relaunched process {@code grace} to end by itself
     * (and finish saying why), then kills it and whatever it started, and waits until they are gone.
     */
    void abandon(java.time.Duration grace);
}
