package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.Detach;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForegroundRuleTest {

    @Test
    void aSupervisorKeepsAutoInTheForeground() {
        assertTrue(ForegroundRule.supervised(4000, 1, false, Map.of()), "started by init");
        assertTrue(ForegroundRule.supervised(4000, 4242, true, Map.of()), "inetd: a socket on stdin");
        assertTrue(ForegroundRule.supervised(4000, 4242, false, Map.of("INVOCATION_ID", "x")), "a systemd service");
        assertTrue(ForegroundRule.supervised(4000, 4242, false, Map.of("NOTIFY_SOCKET", "/run/x")), "Type=notify");
        assertFalse(ForegroundRule.supervised(4000, 4242, false, Map.of("PATH", "/bin")), "a shell");
        assertTrue(ForegroundRule.supervised(1, 0, false, Map.of("PATH", "/bin")), "a container's first process");
    }

    @Test
    void alwaysAndNeverAreNotGuesses() {
        assertTrue(ForegroundRule.stayInForeground(Detach.NEVER));
        assertFalse(ForegroundRule.stayInForeground(Detach.ALWAYS));
    }
}
