package io.github.daemoniker.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A relaunched process as its original process sees it, until the daemon reports back. Each
 * stream is closed by whoever consumes it, at its end.
 *
 * @param handOff   where the hand-off is written; closing it tells the daemon the hand-off is complete
 * @param readiness what the daemon reports: see {@link ReadinessChannel}
 * @param output    what the relaunched process writes to stdout and stderr until it redirects them
 * @param ender     for {@link #abandon}: how this system ends the process and what it started
 * @param stopReads for {@link #stopReading}: ends reads of {@code readiness} and {@code output}
 *                  that other threads have pending, where this system can
 */
public record Launched(OutputStream handOff, InputStream readiness, InputStream output, Consumer<Duration> ender,
                       Runnable stopReads) {

    /** The ender runs once: a second abandon would close a Windows process handle twice. */
    public Launched {
        ender = new Once(ender);
    }

    /** Not a lambda: every start makes one on its way to the launch, where a lambda's first use costs. */
    private static final class Once implements Consumer<Duration> {
        private final Consumer<Duration> ender;
        private final AtomicBoolean ended = new AtomicBoolean();

        Once(Consumer<Duration> ender) {
            this.ender = ender;
        }

        @Override
        public void accept(Duration grace) {
            if (ended.compareAndSet(false, true)) {
                ender.accept(grace);
            }
        }
    }

    /**
     * Once the daemon is up: what it says after "ready" is not wanted, and a thread left in a
     * native read would hold this process's exit (HotSpot waits up to 300 ms for such threads).
     */
    public void stopReading() {
        stopReads.run();
    }

    /**
     * For a daemonization that failed: gives the relaunched process {@code grace} to end by itself
     * (and finish saying why), then kills it and whatever it started, and waits until they are gone.
     * Once: later calls do nothing.
     */
    public void abandon(Duration grace) {
        ender.accept(grace);
    }
}
