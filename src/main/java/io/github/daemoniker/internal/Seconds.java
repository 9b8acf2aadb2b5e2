package io.github.daemoniker.internal;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as a person reads them in a message: "30 s", "2.5 s", "0.5 s". */
public final class Seconds {

    private Seconds() {
    }

    public static String of(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
