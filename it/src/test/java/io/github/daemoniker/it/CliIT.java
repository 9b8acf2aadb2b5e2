package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The command-line tool, as an operator runs it, against real daemons. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class CliIT extends DaemonTestSupport {

    private Fixture.Result cli(String... args) {
        return fx.cli(args);
    }

    private Path pidFile() {
        return fx.path("daemon.pid");
    }

    private List<String> events() throws IOException {
        return fx.events();
    }

    /** An error is one line on stderr. */
    private static void assertOneLineError(Fixture.Result result, String expected) {
        assertTrue(result.exit() != 0, result.toString());
        assertEquals(1, result.stderr().lines().count(), result.toString());
        assertTrue(result.stderr().startsWith("daemoniker: "), result.toString());
        assertTrue(result.stderr().contains(expected), "expected '" + expected + "' in " + result);
    }

    @Test
    void statusSpeaksTheLsbExitCodes() throws Exception {
        Fixture.Result none = cli("status", "--pid-file", pidFile().toString());
        assertEquals(3, none.exit(), none.toString());
        assertEquals("not running: no pid file " + pidFile() + "\n", none.stdout());

        long pid = startSignalDaemon();
        Fixture.Result running = cli("status", "--pid-file", pidFile().toString());
        assertEquals(0, running.exit(), running.toString());
        assertTrue(running.stdout().startsWith("running, pid " + pid + ", since 20"), running.toString());

        DaemonizeIT.kill("KILL", pid);
        awaitGone(pid);
        Fixture.Result dead = cli("status", "--pid-file", pidFile().toString());
        assertEquals(1, dead.exit(), dead.toString());
        assertTrue(dead.stdout().startsWith("dead: "), dead.toString());

        Files.writeString(pidFile(), "garbage\n");
        Fixture.Result garbage = cli("status", "--pid-file", pidFile().toString());
        assertEquals(4, garbage.exit(), garbage.toString());
        assertTrue(garbage.stdout().contains("does not hold a pid"), garbage.toString());

        Process sleep = new ProcessBuilder("sleep", "1000").start();
        try {
            Files.writeString(pidFile(), sleep.pid() + "\n");
            Fixture.Result unrelated = cli("status", "--pid-file", pidFile().toString());
            assertEquals(4, unrelated.exit(), unrelated.toString());
            assertTrue(unrelated.stdout().contains("does not hold the file's lock"), unrelated.toString());
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void sendTakesNamesAndNumbersQuitAndKillToo() throws IOException {
        Path log = fx.path("daemon.log");
        long pid = startSignalDaemon("hup=mark", "usr1=mark", "log=" + log);
        Fixture.Result byName = cli("send", "--pid-file", pidFile().toString(), "HUP");
        assertEquals(0, byName.exit(), byName.toString());
        await().atMost(DEADLINE).until(() -> events().contains("handled SIGHUP"));
        Fixture.Result byNumber = cli("send", "--pid-file", pidFile().toString(), "10");
        assertEquals(0, byNumber.exit(), byNumber.toString());
        await().atMost(DEADLINE).until(() -> events().contains("handled SIGUSR1"));

        Fixture.Result quit = cli("send", "--pid-file", pidFile().toString(), "QUIT");
        assertEquals("sent SIGQUIT to pid " + pid + "\n", quit.stdout(), quit.toString());
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains("Full thread dump"));
        assertTrue(ProcInfo.alive(pid), "a JVM goes on after its thread dump");
        Fixture.Result kill = cli("send", "--pid-file", pidFile().toString(), "9");
        assertEquals("sent SIGKILL to pid " + pid + "\n", kill.stdout(), kill.toString());
        awaitGone(pid);
    }

    @Test
    void sendRefusesWhatItCannotTrustInOneLine() throws Exception {
        assertOneLineError(cli("send", "--pid-file", pidFile().toString(), "TERM"), "does not exist");
        Fixture.Result unknown = cli("send", "--pid-file", pidFile().toString(), "SIGFOO");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertOneLineError(unknown, "signal 'SIGFOO' is not one Daemoniker handles");
        Files.writeString(pidFile(), "12ab\n");
        assertOneLineError(cli("send", "--pid-file", pidFile().toString(), "TERM"), "does not hold a pid");

        Process sleep = new ProcessBuilder("sleep", "1000").start();
        try {
            Files.writeString(pidFile(), sleep.pid() + "\n");
            assertOneLineError(cli("send", "--pid-file", pidFile().toString(), "TERM"),
                    "does not hold the file's lock");
            assertFalse(sleep.waitFor(300, TimeUnit.MILLISECONDS), "the unrelated process survives");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void stopWaitsForTheDaemonAndItsPidFile() {
        long pid = startSignalDaemon();
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals("stopped, pid " + pid + "\n", stop.stdout());
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(pidFile()));

        Fixture.Result again = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, again.exit(), "stopping what is not running succeeds: " + again);
    }

    @Test
    void stopOfADaemonIgnoringSigtermFailsOrKillsWithKill() {
        long pid = startSignalDaemon("term=ignore");
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString(), "--timeout", "1s");
        assertEquals(1, stop.exit(), stop.toString());
        assertOneLineError(stop, "pid " + pid + " is still running 1 s after SIGTERM: wait longer, or end it at once"
                + " (--timeout, --kill)");
        assertTrue(ProcInfo.alive(pid));

        Fixture.Result kill = cli("stop", "--pid-file", pidFile().toString(), "--timeout", "500ms", "--kill");
        assertEquals(0, kill.exit(), kill.toString());
        assertTrue(kill.stdout().startsWith("killed, pid " + pid), kill.toString());
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(pidFile()), "the killed daemon's pid file is removed");
    }

    @Test
    void stopRemovesAStalePidFile() {
        long pid = startSignalDaemon();
        DaemonizeIT.kill("KILL", pid);
        awaitGone(pid);
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.stdout().startsWith("not running: removed the stale pid file"), stop.toString());
        assertFalse(Files.exists(pidFile()));
    }

    /** A Java program given a relative class path fails in the daemon's directory: the sentence says why. */
    @Test
    void aProgramWithARelativeClassPathIsToldWhyItFailed() {
        Fixture.Result start = fx.cli("start", "--pid-file", fx.path("r.pid").toString(), "--stderr",
                fx.path("r.log").toString(), "--", Fixture.java(), "-cp", "app.jar", "app.Main");
        assertOneLineError(start, "exited at once; its path app.jar is relative, and it runs in / (--chdir): give"
                + " absolute paths, or --chdir to where they are; see its stderr log " + fx.path("r.log"));
    }

    /** The script linked where operators put tools, and run from anywhere, finds its repository through the link. */
    @Test
    void theScriptLinkedIntoABinDirectoryFindsItsJar() throws IOException {
        Path bin = Files.createDirectories(fx.path("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("daemoniker"), Path.of("daemoniker").toAbsolutePath());
        Fixture.Result status = fx.run(List.of(link.toString(), "status", "--pid-file", fx.path("none.pid").toString()));
        assertEquals(3, status.exit(), status.toString());
        assertEquals("not running: no pid file " + fx.path("none.pid") + "\n", status.stdout());
        assertEquals("", status.stderr(), "no build attempted in " + bin);
    }

    @Test
    void helpAndVersion() {
        for (String command : new String[] {"start", "status", "send", "stop"}) {
            Fixture.Result help = cli(command, "--help");
            assertEquals(0, help.exit(), help.toString());
            assertTrue(help.stdout().startsWith("Usage: daemoniker " + command), help.toString());
        }
        Fixture.Result status = cli("status", "--help");
        assertTrue(status.stdout().contains("3   not running"), status.toString());
        Fixture.Result version = cli("--version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().matches("daemoniker \\d+\\.\\d+\\.\\d+.*\\n"), version.toString());
        assertOneLineError(cli(), "a command is missing");
        assertOneLineError(cli("status"), "Missing required option: '--pid-file=<pidFile>'");
        assertOneLineError(cli("stop", "--pid-file", "x", "--timeout", "soon"), "'soon' is not a duration");
    }

    @Test
    void startDaemonizesAnyProgramAndWritesItsPid() throws Exception {
        Path script = Files.writeString(fx.path("greet.sh"), "#!/bin/sh\necho hello from $$\nexec sleep 1000\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(fx.path("work"));
        Path log = fx.path("program.log");
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--stdout", log.toString(),
                "--chdir", work.toString(), "--umask", "022", "--", script.toString());
        assertEquals(0, start.exit(), start.toString());
        long pid = pidFromFile(pidFile());
        assertEquals("started " + script + ", pid " + pid + ", pid file " + pidFile() + "\n", start.stdout());

        ProcInfo program = new ProcInfo(pid);
        assertTrue(program.commandLine().get(0).endsWith("sleep"), program.commandLine().toString());
        assertTrue(program.session() != pid, "not a session leader");
        assertEquals(0, program.terminal());
        assertEquals("0022", program.status("Umask"));
        assertEquals(work.toRealPath(), program.workingDirectory());
        java.util.Map<Integer, String> fds = program.descriptors();
        assertEquals(log.toString(), fds.get(1));
        assertEquals("/dev/null", fds.get(2));
        assertEquals(1, fds.keySet().stream().filter(fd -> fd > 2).count(), "only the pid file's lock: " + fds);
        assertTrue(fds.containsValue(pidFile().toString()));
        await().atMost(DEADLINE).until(() -> Files.readString(log).equals("hello from " + pid + "\n"));

        assertEquals(0, cli("status", "--pid-file", pidFile().toString()).exit());
        Fixture.Result again = cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "1");
        assertOneLineError(again, "a daemon is already running (pid " + pid + ")");

        Fixture.Result send = cli("send", "--pid-file", pidFile().toString(), "TERM");
        assertEquals(0, send.exit(), send.toString());
        awaitGone(pid);
        Fixture.Result dead = cli("status", "--pid-file", pidFile().toString());
        assertEquals(1, dead.exit(), "the program could not remove its pid file: " + dead);
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertFalse(Files.exists(pidFile()));
    }

    @Test
    void everyWordFromTheProgramsNameOnIsTheProgramsOwnWithoutADoubleDash() throws Exception {
        Path script = Files.writeString(fx.path("args.sh"), "#!/bin/sh\necho \"args: $*\"\nexec sleep 1000\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = fx.path("program.log");
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--stdout", log.toString(),
                script.toString(), "-h", "--pid-file", "elsewhere.pid");
        assertEquals(0, start.exit(), start.toString());
        assertFalse(start.stdout().contains("Usage"), "the program's -h is not start's: " + start);
        long pid = pidFromFile(pidFile());
        await().atMost(DEADLINE).until(() -> Files.readString(log).equals("args: -h --pid-file elsewhere.pid\n"));
        assertEquals(0, cli("stop", "--pid-file", pidFile().toString()).exit());
        assertFalse(ProcInfo.alive(pid));
    }

    @Test
    void stopEndsAProgramStartedByStartAndRemovesItsPidFile() {
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "1000");
        assertEquals(0, start.exit(), start.toString());
        long pid = pidFromFile(pidFile());
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals("stopped, pid " + pid + "\n", stop.stdout());
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(pidFile()));
    }

    @Test
    void startFailsAtOnceForWhatCannotRunAndLeavesNothing() throws IOException {
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--", "no-such-program-here"),
                "the program no-such-program-here was not found on PATH");
        Path notExecutable = fx.path("data.txt");
        Files.writeString(notExecutable, "not a program\n");
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--", notExecutable.toString()),
                "the program " + notExecutable + " is not an executable file");
        Path log = fx.path("missing/out.log");
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--stdout", log.toString(), "--",
                "sleep", "1000"), "the directory of the daemon's stdout log " + log + " does not exist");
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--stderr", fx.path("err.log").toString(),
                "--", "false"), "false exited at once; see its stderr log " + fx.path("err.log"));
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--umask", "9", "--", "sleep", "1"),
                "'9' is not an octal umask");
        assertFalse(Files.exists(pidFile()), "nothing left on disk");
        assertTrue(fx.processes().isEmpty(), "nothing left running: " + fx.processes());
    }

    /**
     * start --listen: the tool, root, binds a port below 1024 and gives the program the listening
     * socket as its stdin, as inetd does; a program that takes it (here Python's) serves on it.
     */
    @Test
    @NeedsRoot
    void startListensForAProgramThatTakesItsSocketOnStdin() throws Exception {
        int port = OptionsIT.freePrivilegedPort();
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--listen", "127.0.0.1:" + port, "--",
                "python3", "-c", "import os, socket\ns = socket.socket(fileno=0)\nwhile True:\n    c, _ = s.accept()\n"
                        + "    c.sendall(b'hello from %d\\n' % os.getpid())\n    c.close()\n");
        assertEquals(0, start.exit(), start.toString());
        long pid = pidFromFile(pidFile());
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            assertEquals("hello from " + pid + "\n", new String(client.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(0, cli("stop", "--pid-file", pidFile().toString()).exit());
        assertOneLineError(cli("start", "--pid-file", pidFile().toString(), "--listen", "localhost:80", "sleep", "1"),
                "'localhost:80' is not an IP address and port such as 127.0.0.1:80 or [::1]:80");
    }
}
