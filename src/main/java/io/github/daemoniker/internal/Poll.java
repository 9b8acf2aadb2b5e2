package io.github.daemoniker.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for something another process does, which sends no notice: a deadline and a check. */
public final class Poll {
    private static final long INTERVAL_NANOS = 5_000_000L;

    /** Not a lambda: a daemon may poll before it reports ready, where a lambda's first use costs. */
    private static final Predicate<Boolean> TRUE = new Predicate<>() {
        @Override
        public boolean test(Boolean value) {
            return value;
        }
    };

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
        return until(new Supplier<Boolean>() {
            @Override
            public Boolean get() {
                return condition.getAsBoolean();
            }
        }, TRUE, timeout, intervalNanos);
    }

    /** What {@code probe} gives once {@code done} accepts it, or the last it gave by {@code timeout}; every 5 ms. */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout) {
        return until(probe, done, timeout, INTERVAL_NANOS);
    }

    /**
     * What {@code probe} gives once {@code done} accepts it, asked every {@code intervalNanos}; the
     * last value it gave if {@code timeout} passes first. It is asked at least once, even with no time.
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout, long intervalNanos) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(intervalNanos);
            value = probe.get();
        }
        return value;
    }
}
