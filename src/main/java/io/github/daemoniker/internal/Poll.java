package io.github.daemoniker.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for something another process does, which sends no notice: a deadline and a check. */
public final class Poll {
    private static final long INTERVAL_NANOS = 5_000_000L;

    private Poll() {
    }

    /** Whether {@code condition} came true within {@code timeout}; checked every 5 ms. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        return until(condition, timeout, INTERVAL_NANOS);
    }

    /**
     * Whether {@code condition} came true within {@code timeout}, checked every
     * {@code intervalNanos}; it is checked at least once, even with no time.
     */
    public static boolean until(BooleanSupplier condition, Duration timeout, long intervalNanos) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(intervalNanos);
        }
        return true;
    }
}
