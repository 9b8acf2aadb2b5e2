package io.github.daemoniker.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    /** sd_watchdog_enabled(3)'s rules: WATCHDOG_USEC, for this pid if WATCHDOG_PID says one, with a socket to tell. */
    @Test
    void theWatchdogIsThisProcessesOnlyWhereSystemdSaysSo() {
        Map<String, String> watched = Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "30000000");
        assertEquals(Duration.ofSeconds(30), SystemdSupervisor.watchdogInterval(4000, watched));
        Map<String, String> forThis = new java.util.HashMap<>(watched);
        forThis.put("WATCHDOG_PID", "4000");
        assertEquals(Duration.ofSeconds(30), SystemdSupervisor.watchdogInterval(4000, forThis));
        forThis.put("WATCHDOG_PID", "4001");
        assertNull(SystemdSupervisor.watchdogInterval(4000, forThis), "another process's");
        assertNull(SystemdSupervisor.watchdogInterval(4000, Map.of("WATCHDOG_USEC", "30000000")), "nobody to tell");
        for (String bad : new String[] {"0", "-5", "30s", "", "99999999999999999999"}) {
            assertNull(SystemdSupervisor.watchdogInterval(4000, Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", bad)),
                    bad);
        }
        assertNull(SystemdSupervisor.watchdogInterval(4000, Map.of("NOTIFY_SOCKET", "/run/x")), "no watchdog");
    }

    /** sd_listen_fds(3): only for this pid; one socket, which the JDK can take; more refused in one sentence. */
    @Test
    void socketActivationIsThisProcessesAndOneSocketOnly() {
        SocketActivation.takeListeningSocket(4000, Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4001"));
        SocketActivation.takeListeningSocket(4000, Map.of("LISTEN_PID", "4000"));
        io.github.daemoniker.DaemonikerException two = org.junit.jupiter.api.Assertions.assertThrows(
                io.github.daemoniker.DaemonikerException.class,
                () -> SocketActivation.takeListeningSocket(4000, Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4000")));
        assertEquals("systemd passed this service 2 sockets (LISTEN_FDS), and the JDK makes a channel of one inherited"
                + " socket only (System.inheritedChannel): give its socket unit one Listen line", two.getMessage());
    }
}
