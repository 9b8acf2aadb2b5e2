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
        Path socket = fx.path("notify.sock");
        int fd = bindDatagram(socket.toString());
        try {
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket.toString()), List.of());
            assertEquals("READY=1\nMAINPID=" + process.pid(), receive(fd));
            assertEquals(process.pid(), pidFromFile(fx.path("daemon.pid")), "Type=notify: in the foreground");
            stopsSayingStopping(process, fd);
        } finally {
            Sockets.C.close(fd);
        }
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
        Path socket = fx.path("notify.sock");
        int fd = bindDatagram(socket.toString());
        try {
            Path missing = fx.path("missing").resolve("daemon.pid");
            Process process = startFixture(Map.of("NOTIFY_SOCKET", socket.toString()), List.of(), "pidfile=" + missing);
            String status = receive(fd);
            assertTrue(status.startsWith("STATUS=") && status.contains(missing.getParent().toString()), status);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertNotEquals(0, process.exitValue());
            assertTrue(Files.readString(fx.path("process.out")).contains(status.substring("STATUS=".length())),
                    "the same sentence as the process says");
        } finally {
            Sockets.C.close(fd);
        }
    }
}
