package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Detach;
import org.junit.jupiter.api.Test;

class ForegroundSideTest {

    @Test
    void alwaysAndNeverAreNotGuesses() {
        assertTrue(ForegroundSide.applies(DaemonOptions.builder().detach(Detach.NEVER).build()));
        assertFalse(ForegroundSide.applies(DaemonOptions.builder().detach(Detach.ALWAYS).build()));
    }
}
