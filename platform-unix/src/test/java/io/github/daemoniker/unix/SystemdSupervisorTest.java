package io.github.daemoniker.unix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdSupervisorTest {

    @Test
    void aSupervisorKeepsAutoInTheForeground() {
        assertTrue(SystemdSupervisor.supervised(4000, 1, false, Map.of()), "started by init");
        assertTrue(SystemdSupervisor.supervised(4000, 4242, true, Map.of()), "inetd: a socket on stdin");
        assertTrue(SystemdSupervisor.supervised(4000, 4242, false, Map.of("INVOCATION_ID", "x")), "a systemd service");
        assertTrue(SystemdSupervisor.supervised(4000, 4242, false, Map.of("NOTIFY_SOCKET", "/run/x")), "Type=notify");
        assertFalse(SystemdSupervisor.supervised(4000, 4242, false, Map.of("PATH", "/bin")), "a shell");
        assertTrue(SystemdSupervisor.supervised(1, 0, false, Map.of("PATH", "/bin")), "a container's first process");
    }
}
