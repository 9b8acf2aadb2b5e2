package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The units {@code daemoniker service print} writes, under a real systemd (Debian's, booted once
 * for this class as PID 1 of namespaces of its own: {@link SystemdContainer}), looked at from
 * outside: a Daemoniker app's unit is active with the java process as its MainPID; {@code systemctl
 * stop} and {@code daemoniker stop} both end it with Result=success and no restart; a kill -9
 * restarts it and the stale pid file is taken over; a unit for a program that is no Daemoniker app
 * is active, not waiting for a READY=1 that never comes. Where this machine cannot boot systemd
 * (not root, no cgroup hierarchy), the class is skipped saying so; in CI it must run.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "systemd is Linux's")
class SystemdIT {
    /** Outside /tmp, which the container does not share. */
    private static final Path HOME = Fixture.BUILD.resolve("systemd-it");
    private static SystemdContainer systemd;
    private static int serial;

    private Path dir;

    @BeforeAll
    static void bootSystemd() throws IOException {
        SystemdContainer.requireBootable();
        Files.createDirectories(HOME);
        // the build (the fixture's classes, its files) as it is, wherever the clone is
        systemd = SystemdContainer.boot(Files.createTempDirectory(HOME, "systemd-"), List.of(Fixture.BUILD.getParent()));
    }

    @AfterAll
    static void stopSystemd() {
        if (systemd != null) {
            systemd.close();
        }
    }

    /** A unit of this test's own: {@code daemoniker service print} of {@code command}, installed and started. */
    private String started(List<String> command) throws IOException {
        return started(List.of(), command, "");
    }

    /**
     * {@link #started(List)}, {@code options} given to {@code service print}, and {@code lines} of
     * the test's own added to the unit's [Service] section.
     */
    private String started(List<String> options, List<String> command, String lines) throws IOException {
        String name = installed(options, command, lines);
        String said = systemd.systemctl("start", name);
        assertEquals("", said, "systemctl start " + name + ": " + said + systemd.systemctl("status", name));
        return name;
    }

    /** {@link #started(List, List, String)}, but not started yet. */
    private String installed(List<String> options, List<String> command, String lines) throws IOException {
        String name = "dmk-" + ++serial;
        List<String> print = new ArrayList<>(List.of("service", "print", "--name", name, "--chdir", "/"));
        print.addAll(options);
        print.addAll(command);
        Fixture.Result unit = new Fixture(dir).cli(print.toArray(String[]::new));
        assertEquals(0, unit.exit(), unit.toString());
        systemd.install(name + ".service", unit.stdout().replace("[Service]\n", "[Service]\n" + lines));
        return name;
    }

    /** The fixture daemon under systemd: its pid file, report and counter in this test's directory. */
    private List<String> fixture(String... settings) throws IOException {
        dir = Files.createTempDirectory(HOME, "test-");
        Fixture fx = new Fixture(dir);
        return fx.command(fx.settings(Stream.of(settings).map(s -> s.replace("DIR", dir.toString())).toArray(String[]::new)));
    }

    /** systemd started {@code name} again, once: a new MainPID, which took the pid file over. */
    private void restartedOnce(String name, long first) {
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> systemd.property(name, "NRestarts").equals("1")
                && systemd.property(name, "ActiveState").equals("active"));
        long second = Long.parseLong(systemd.property(name, "MainPID"));
        assertNotEquals(first, second);
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> pidIn(dir.resolve("daemon.pid")) == second);
    }

    private long pidIn(Path pidFile) throws IOException {
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    @Test
    void aDaemonikerAppIsActiveWithItsJvmAsMainPidAndStopsCleanlyBothWays() throws IOException {
        String name = started(fixture());
        assertEquals("active", systemd.property(name, "ActiveState"));
        assertEquals("notify", systemd.property(name, "Type"));
        long mainPid = Long.parseLong(systemd.property(name, "MainPID"));
        assertEquals(mainPid, pidIn(dir.resolve("daemon.pid")), "the java process itself, in the foreground");
        assertTrue(systemd.inside(List.of("cat", "/proc/" + mainPid + "/cmdline")).contains("FixtureDaemon"));

        systemd.systemctl("stop", name);
        assertEquals("inactive", systemd.property(name, "ActiveState"));
        assertEquals("success", systemd.property(name, "Result"), "a SIGTERM stop is clean (SuccessExitStatus=143)");
        assertEquals("0", systemd.property(name, "NRestarts"));

        systemd.systemctl("start", name);
        long again = Long.parseLong(systemd.property(name, "MainPID"));
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> pidIn(dir.resolve("daemon.pid")) == again);
        String stop = systemd.inside(List.of(Fixture.java(), "-jar", Fixture.BUILD.resolve("daemoniker-cli.jar").toString(),
                "stop", "--pid-file", dir.resolve("daemon.pid").toString()));
        assertEquals("stopped, pid " + again + "\n", stop);
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> systemd.property(name, "ActiveState").equals("inactive"));
        assertEquals("success", systemd.property(name, "Result"), "daemoniker stop is a clean stop too");
        assertEquals("0", systemd.property(name, "NRestarts"));
    }

    @Test
    void aKilledDaemonIsRestartedAndItsStalePidFileTakenOver() throws IOException {
        String name = started(fixture());
        long first = Long.parseLong(systemd.property(name, "MainPID"));
        assertEquals(first, pidIn(dir.resolve("daemon.pid")));
        systemd.inside(List.of("kill", "-KILL", Long.toString(first)));
        restartedOnce(name, first);
        systemd.systemctl("stop", name);
        assertEquals("success", systemd.property(name, "Result"));
    }

    @Test
    void aProgramThatIsNoDaemonikerAppIsActiveNotWaitingForReady() throws IOException {
        dir = Files.createTempDirectory(HOME, "test-");
        String name = started(List.of("sleep", "1000"));
        assertEquals("exec", systemd.property(name, "Type"));
        assertEquals("active", systemd.property(name, "ActiveState"));
        assertEquals("running", systemd.property(name, "SubState"));
        systemd.systemctl("stop", name);
        assertEquals("success", systemd.property(name, "Result"));
    }

    /**
     * {@code service print --watchdog 2s} and a health check that hangs (two workers deadlocked):
     * systemd hears WATCHDOG=1 while the check passes; once it hangs, the log has the thread dump
     * naming the deadlock and systemd the reason, and systemd ends the daemon at the missed deadline
     * (Result=watchdog) and starts it again. The times from the hang to the dump and to the new
     * daemon are printed: they are quoted in BENCHMARKS.md.
     */
    @Test
    void aHungDaemonIsEndedByTheWatchdogAndRestartedWithItsThreadDumpInItsLog() throws IOException {
        List<String> command = fixture("watchdog=500", "hang=DIR/hang");
        Path log = dir.resolve("service.log");
        String name = started(List.of("--watchdog", "2s"), command, "StandardOutput=append:" + log
                + "\nStandardError=append:" + log + "\n");
        assertEquals("2s", systemd.property(name, "WatchdogUSec"));
        long first = Long.parseLong(systemd.property(name, "MainPID"));
        String ping = systemd.property(name, "WatchdogTimestampMonotonic");
        await("systemd to hear WATCHDOG=1 again").atMost(DaemonTestSupport.DEADLINE)
                .until(() -> !systemd.property(name, "WatchdogTimestampMonotonic").equals(ping));

        long hung = System.nanoTime();
        Files.writeString(dir.resolve("hang"), "hang\n");
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> Files.readString(log).contains("Found one Java-level"
                + " deadlock:"));
        long dumped = System.nanoTime();
        // the next daemon is healthy
        Files.delete(dir.resolve("hang"));
        assertTrue(Files.readString(log).contains("\"fixture-worker-1\":\n  waiting to lock"), Files.readString(log));
        assertEquals("watchdog: the health check did not return within its time limit of 0.5 s",
                systemd.property(name, "StatusText"));
        await("systemd to end it at the missed deadline").atMost(DaemonTestSupport.DEADLINE)
                .until(() -> systemd.property(name, "Result").equals("watchdog"));
        long ended = System.nanoTime();
        restartedOnce(name, first);
        long restarted = System.nanoTime();
        System.out.printf("watchdog figures (WatchdogSec=2s, check limit 0.5 s, RestartSec=5): hang -> dump %d ms,"
                + " -> ended by systemd %d ms, -> new daemon ready %d ms%n", (dumped - hung) / 1_000_000,
                (ended - hung) / 1_000_000, (restarted - hung) / 1_000_000);
        systemd.systemctl("stop", name);
        assertEquals("success", systemd.property(name, "Result"));
    }

    /**
     * A start that needs longer than TimeoutStartSec= says so (Daemoniker.extendTimeout, 20 s):
     * systemd keeps waiting past its own 2 s, and the daemon is active once it says it is ready.
     */
    @Test
    void aStartThatAsksForMoreTimeIsGivenIt() throws IOException {
        String name = installed(List.of(), fixture("manual=DIR/go", "extend=20000"), "TimeoutStartSec=2\n");
        assertEquals("", systemd.systemctl("start", "--no-block", name));
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> Files.exists(dir.resolve("report.waiting")));
        await("systemd to keep waiting past TimeoutStartSec=2").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).until(() -> systemd.property(name, "SubState").equals("start"));
        Files.writeString(dir.resolve("go"), "go\n");
        await().atMost(DaemonTestSupport.DEADLINE).until(() -> systemd.property(name, "ActiveState").equals("active"));
        assertEquals("0", systemd.property(name, "NRestarts"));
        systemd.systemctl("stop", name);
        assertEquals("success", systemd.property(name, "Result"));
    }

    /**
     * The restart contract: a daemon that asks to be started again (Daemoniker.exitToRestart, status
     * 75) is, by the unit service print writes (RestartForceExitStatus=75), and counted as clean.
     */
    @Test
    void aDaemonThatAsksToBeStartedAgainIsRestartedAndCountedClean() throws IOException {
        String name = started(fixture("restart-on=DIR/again"));
        long first = Long.parseLong(systemd.property(name, "MainPID"));
        Files.writeString(dir.resolve("again"), "again\n");
        await("systemd to see status 75").atMost(DaemonTestSupport.DEADLINE)
                .until(() -> systemd.property(name, "SubState").equals("auto-restart"));
        assertEquals("success", systemd.property(name, "Result"), "75 is no failure");
        assertEquals("75", systemd.property(name, "ExecMainStatus"));
        restartedOnce(name, first);
        systemd.systemctl("stop", name);
        assertEquals("success", systemd.property(name, "Result"));
    }

    /**
     * Socket activation: {@code service print --listen PATH} writes a socket unit beside the service;
     * systemd listens, and the first connection starts the service, which takes the socket
     * (Daemoniker.listeningChannel) and answers it.
     */
    @Test
    void theFirstConnectionToItsSocketStartsTheServiceWhichAnswersIt() throws Exception {
        List<String> command = fixture("serve=yes");
        Path socket = dir.resolve("app.sock");
        String name = "dmk-" + ++serial;
        List<String> print = new ArrayList<>(List.of("service", "print", "--name", name, "--chdir", "/", "--listen",
                socket.toString()));
        print.addAll(command);
        Fixture.Result units = new Fixture(dir).cli(print.toArray(String[]::new));
        assertEquals(0, units.exit(), units.toString());
        String[] files = units.stdout().split("\n?# ==> [^\n]* <==\n");
        assertEquals(3, files.length, units.stdout());
        assertTrue(files[1].contains("Requires=" + name + ".socket\n"), files[1]);
        assertTrue(files[2].contains("[Socket]\n") && files[2].contains("ListenStream=" + socket + "\n"), files[2]);
        systemd.install(name + ".socket", files[2]);
        systemd.install(name + ".service", files[1]);
        assertEquals("", systemd.systemctl("start", name + ".socket"));
        assertEquals("inactive", systemd.property(name + ".service", "ActiveState"), "nothing runs before a connection");

        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            String answer = new String(java.nio.channels.Channels.newInputStream(client).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            long pid = Long.parseLong(systemd.property(name + ".service", "MainPID"));
            assertEquals("hello from " + pid + "\n", answer, "the service systemd started answered");
        }
        assertEquals("active", systemd.property(name + ".service", "ActiveState"));
        systemd.systemctl("stop", name + ".service", name + ".socket");
        assertEquals("success", systemd.property(name + ".service", "Result"));
    }
}
