package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Staying in the foreground: when asked, under a supervisor, and systemd's readiness protocol. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class ForegroundIT extends DaemonTestSupport {

    /** A datagram socket of the test's own, bound and read through libc: the JDK has none. */
    interface Sockets extends Library {
        Sockets C = Native.load("c", Sockets.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, Pointer address, int length);

        int setsockopt(int fd, int level, int name, Pointer value, int length);

        long recv(int fd, byte[] buffer, long length, int flags);

        int close(int fd);
    }

    /** Binds {@code name} (a path, or @abstract) and returns the descriptor, reads time out after 30 s. */
    static int bindDatagram(String name) {
        int fd = Sockets.C.socket(1, 2, 0);
        assertTrue(fd >= 0);
        byte[] path = (name.startsWith("@") ? "\0" + name.substring(1) : name).getBytes(StandardCharsets.UTF_8);
        Memory address = new Memory(110);
        address.clear();
        address.setShort(0, (short) 1);
        address.write(2, path, 0, path.length);
        assertEquals(0, Sockets.C.bind(fd, address, 2 + path.length + (name.startsWith("@") ? 0 : 1)));
        Memory timeout = new Memory(16);
        timeout.setLong(0, 30);
        timeout.setLong(8, 0);
        assertEquals(0, Sockets.C.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeout, 16));
        return fd;
    }

    static String receive(int fd) {
        byte[] buffer = new byte[4096];
        long n = Sockets.C.recv(fd, buffer, buffer.length, 0);
        assertTrue(n > 0, "no notification within 30 s");
        return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
    }

    private Process startFixture(Map<String, String> environment, List<String> prefix, String... settings)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(fx.command(fx.settings(settings)));
        return fx.start(command, environment, "process");
    }

    /** The process stays itself: its own pid is in the pid file, its session is the test's. */
    private void assertForeground(Process process) throws Exception {
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        assertEquals(process.pid(), pidFromFile(fx.path("daemon.pid")));
        assertEquals(String.valueOf(process.pid()), report().get("pid"));
        ProcInfo info = new ProcInfo(process.pid());
        assertEquals(new ProcInfo(ProcessHandle.current().pid()).session(), info.session(), "not detached");
        assertEquals("0027", info.status("Umask"));
        assertEquals(Path.of("/"), info.workingDirectory());
        assertTrue(Files.readAllLines(Path.of("/proc/" + process.pid() + "/limits")).stream()
                .anyMatch(l -> l.matches("Max core file size\\s+0\\s+0\\s+bytes\\s*")));
        assertTrue(Files.readString(fx.path("process.out")).contains("daemon stdout " + process.pid()),
                "the streams stay where they were");
        DaemonizeIT.kill("TERM", process.pid());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue());
        assertFalse(Files.exists(fx.path("daemon.pid")), "the pid file goes with the process");
    }

    @Test
    void aStopThatWasAskedForEndsWithStatusZeroWhenTheOptionsSaySo() throws Exception {
        Process process = startFixture(Map.of(), List.of(), "detach=NEVER", "exitzero=yes");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        DaemonizeIT.kill("TERM", process.pid());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "a clean stop, as systemd should record it");
        assertFalse(Files.exists(fx.path("daemon.pid")), "the shutdown hooks ran: the pid file went");
    }

    @Test
    void neverDetachesWhenAskedNot() throws Exception {
        Process process = startFixture(Map.of(), List.of(), "detach=NEVER");
        assertForeground(process);
        assertEquals(List.of("setup " + process.pid()), Files.readAllLines(fx.path("counter")),
                "setup ran once, in this very process");
    }

    /** Under systemd the streams stay the journal's; that the log file stays empty is said once, there. */
    @Test
    void underASupervisorWhereTheOutputGoesIsSaidOnce() throws Exception {
        Path log = fx.path("app.log");
        Process process = startFixture(Map.of("INVOCATION_ID", "0123456789abcdef"), List.of(), "stdout=" + log,
                "stderr=" + log);
        assertForeground(process);
        String said = "daemoniker: this daemon runs in the foreground, so its output stays where it was started (under"
                + " systemd, the journal), not in " + log + " as stdout/stderr ask of a detached daemon; under systemd,"
                + " StandardOutput=append:" + log + " in the unit puts it there\n";
        await().atMost(DEADLINE).until(() -> Files.readString(fx.path("process.out")).contains(said));
        assertEquals(1, Files.readString(fx.path("process.out")).split(java.util.regex.Pattern.quote(said), -1).length - 1);
        assertFalse(Files.exists(log), "the log the options name is not written in the foreground");
    }

    @Test
    void autoStaysInTheForegroundUnderSystemd() throws Exception {
        assertForeground(startFixture(Map.of("INVOCATION_ID", "0123456789abcdef"), List.of()));
    }

    @Test
    void autoStaysInTheForegroundWithASocketOnStdinAsInetdGivesIt() throws Exception {
        List<String> inetd = List.of("python3", "-c", "import os, socket, sys\n"
                + "a, b = socket.socketpair()\nos.dup2(a.fileno(), 0)\nos.execvp(sys.argv[1], sys.argv[1:])");
        assertForeground(startFixture(Map.of(), inetd));
    }

    @Test
    void aClosedStdinIsNoSocketAndAutoDetaches() throws Exception {
        Process process = startFixture(Map.of(), List.of("/bin/sh", "-c", "exec 0<&-; exec \"$@\"", "sh"));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(fx.path("process.out")));
        long daemon = pidFromFile(fx.path("daemon.pid"));
        assertNotEquals(process.pid(), daemon);
        assertTrue(ProcInfo.alive(daemon));
    }

    @Test
    void systemdHearsReadyWithTheMainPidAndStopping() throws Exception {
        withNotifySocket((fd, socket) -> {
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket), List.of());
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            assertEquals(process.pid(), pidFromFile(fx.path("daemon.pid")), "Type=notify: in the foreground");
            stopsSayingStopping(process, fd);
        });
    }

    /** SIGTERM from outside: systemd hears STOPPING=1 on {@code fd}, and the process ends. */
    private static void stopsSayingStopping(Process process, int fd) throws InterruptedException {
        DaemonizeIT.kill("TERM", process.pid());
        assertEquals("STOPPING=1", receive(fd));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void anAbstractNotifySocketAndManualReadiness() throws Exception {
        String name = "@daemoniker-test-" + UUID.randomUUID();
        int fd = bindDatagram(name);
        try {
            Path go = fx.path("go");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", name), List.of(), "manual=" + go);
            await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report.waiting")));
            Files.writeString(go, "go\n");
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd), "sent by Daemoniker.ready()");
            stopsSayingStopping(process, fd);
        } finally {
            Sockets.C.close(fd);
        }
    }

    @Test
    void systemdHearsWhyAStartFailedInItsStatus() throws Exception {
        withNotifySocket((fd, socket) -> {
            Path missing = fx.path("missing").resolve("daemon.pid");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket), List.of(), "pidfile=" + missing);
            String status = receive(fd);
            assertTrue(status.startsWith("STATUS=") && status.contains(missing.getParent().toString()), status);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertNotEquals(0, process.exitValue());
            assertTrue(Files.readString(fx.path("process.out")).contains(status.substring("STATUS=".length())),
                    "the same sentence as the process says");
        });
    }

    /**
     * systemd's watchdog: WATCHDOG=1 keeps coming while the health check passes; once it hangs (two
     * workers deadlocked, the check waiting for one), STATUS= says why, the log holds a thread dump
     * naming the deadlock, and WATCHDOG=1 stops, for systemd to act on.
     */
    @Test
    void systemdHearsTheWatchdogOnlyWhileTheHealthCheckPasses() throws Exception {
        withNotifySocket((fd, socket) -> {
            Path hang = fx.path("hang");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "1000000"),
                    List.of(), "watchdog=200", "hang=" + hang);
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            for (int ping = 0; ping < 3; ping++) {
                assertEquals("WATCHDOG=1", receive(fd));
            }
            await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
            assertEquals("true", report().get("watched"));

            Files.writeString(hang, "hang\n");
            String reason = "watchdog: the health check did not return within its time limit of 0.2 s";
            String said;
            do {
                said = receive(fd);
            } while (said.equals("WATCHDOG=1"));
            assertEquals("STATUS=" + reason, said);
            assertEquals(-1, receiveWithin(fd, 2), "no WATCHDOG=1 once the check hangs: two intervals pass");
            String log = Files.readString(fx.path("process.out"));
            assertTrue(log.contains("daemoniker: " + reason + "; the threads, as they stand:\nFound one Java-level"
                    + " deadlock:\n"), log);
            assertTrue(log.contains("Found one Java-level deadlock:"), log);
            assertTrue(log.contains("\"fixture-worker-1\":\n  waiting to lock java.lang.Object@"), log);
            assertTrue(log.contains("which is held by \"fixture-worker-2\""), log);
            assertTrue(log.contains("\"daemoniker-health-check\" daemon #"), log);
            assertEquals(1, log.split("Full thread dump:", -1).length - 1, "said once, not at every check");
            stopsSayingStopping(process, fd);
        });
    }

    /** A check that fails says why; once it passes again, systemd hears so, and WATCHDOG=1 comes again. */
    @Test
    void aHealthCheckThatFailsAndRecoversIsSaidBothWays() throws Exception {
        withNotifySocket((fd, socket) -> {
            Path sick = fx.path("hang.sick");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "1000000"),
                    List.of(), "watchdog=200", "hang=" + fx.path("hang"));
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            assertEquals("WATCHDOG=1", receive(fd));
            Files.writeString(sick, "sick\n");
            String said;
            do {
                said = receive(fd);
            } while (said.equals("WATCHDOG=1"));
            assertEquals("STATUS=watchdog: the health check failed: the fixture's pool has no connection left", said);
            Files.delete(sick);
            assertEquals("STATUS=watchdog: the health check passes again", receive(fd));
            assertEquals("WATCHDOG=1", receive(fd));
            String log = Files.readString(fx.path("process.out"));
            assertTrue(log.contains("daemoniker: watchdog: the health check failed: the fixture's pool has no connection"
                    + " left; the threads, as they stand:\nFull thread dump:\n"), log);
            assertTrue(log.contains("daemoniker: watchdog: the health check passes again\n"), log);
            stopsSayingStopping(process, fd);
        });
    }

    /** WATCHDOG_PID names another process (the daemon's parent, say): this one sends no WATCHDOG=1. */
    @Test
    void aWatchdogMeantForAnotherProcessIsNotThisOnes() throws Exception {
        withNotifySocket((fd, socket) -> {
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "1000000",
                    "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())), List.of(), "watchdog=200",
                    "hang=" + fx.path("hang"));
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
            assertEquals("false", report().get("watched"), "Daemoniker.watchdog: nobody watches");
            assertEquals(-1, receiveWithin(fd, 2), "no WATCHDOG=1 for two intervals");
            stopsSayingStopping(process, fd);
        });
    }

    /** A start that needs longer says so before it is ready: EXTEND_TIMEOUT_USEC, then READY=1. */
    @Test
    void aStartThatNeedsLongerTellsSystemd() throws Exception {
        withNotifySocket((fd, socket) -> {
            Path go = fx.path("go");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket), List.of(), "manual=" + go,
                    "extend=20000");
            assertEquals("EXTEND_TIMEOUT_USEC=20000000", receive(fd));
            await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report.waiting")));
            assertEquals("true", report().get("extended"));
            Files.writeString(go, "go\n");
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            stopsSayingStopping(process, fd);
        });
    }

    /** DaemonOptions.listen in the foreground: the process binds it itself, before any drop, as its stdin. */
    @Test
    void aForegroundDaemonListensOnItsOwnStandardInput() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = startFixture(Map.of(), List.of(), "detach=NEVER", "listen=127.0.0.1:" + port, "serve=yes");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            assertEquals("hello from " + process.pid() + "\n", new String(client.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        DaemonizeIT.kill("TERM", process.pid());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    /** A test given a notify socket of its own, bound at {@code socket} as {@code fd}. */
    private interface Notified {
        void run(int fd, String socket) throws Exception;
    }

    private void withNotifySocket(Notified test) throws Exception {
        Path socket = fx.path("notify.sock");
        int fd = bindDatagram(socket.toString());
        try {
            test.run(fd, socket.toString());
        } finally {
            Sockets.C.close(fd);
        }
    }

    /** What arrives on {@code fd} within {@code seconds}: its length, or -1 for nothing. */
    private static long receiveWithin(int fd, int seconds) {
        Memory timeout = new Memory(16);
        timeout.setLong(0, seconds);
        timeout.setLong(8, 0);
        assertEquals(0, Sockets.C.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeout, 16));
        byte[] buffer = new byte[4096];
        long n = Sockets.C.recv(fd, buffer, buffer.length, 0);
        timeout.setLong(0, 30);
        assertEquals(0, Sockets.C.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeout, 16));
        return n < 0 ? -1 : n;
    }
}
