package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Real detached daemons on a Windows JVM: javaw relaunch, pid file, logs, and signals through
 * sleeper processes, sent from this process, from the command-line tool, and refused where they
 * must be. Every daemon and sleeper a test saw is killed after it, and none may be left.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "the Windows relaunch and sleeper signals need a Windows JVM"
        + " (appveyor.yml runs them)")
class WindowsIT extends DaemonTestSupport {
    private static final Pattern SLEEPER_FILE = Pattern.compile("([0-9]+) ([0-9]+) (-?[0-9]+)\n");

    /** No /proc to find a test's processes by its tag: every daemon it saw is ended, and none may have been left. */
    @Override
    void leaveNothing() {
        Fixture.requireNoneLeft(seen);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Path pidFile() {
        return fx.path("daemon.pid");
    }

    private long startDaemon(String... settings) throws IOException {
        Fixture.Result parent = fx.run(fx.signalDaemon(settings));
        assertEquals(0, parent.exit(), parent.toString());
        Matcher said = Pattern.compile("daemon ([0-9]+)").matcher(parent.stdout());
        assertTrue(said.find(), parent.toString());
        long pid = Long.parseLong(said.group(1));
        seen.add(pid);
        try {
            await().atMost(DEADLINE).until(() -> fx.events().contains("started"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("daemon " + pid + " never said started; alive " + alive(pid) + "; events "
                    + fx.events() + "; its files " + java.util.Arrays.toString(dir.toFile().list()), e);
        }
        return pid;
    }

    /** Starts the fixture daemon, which writes its report once it runs; returns its pid. */
    private long startFixtureDaemon(java.util.Map<String, String> environment, String... settings) throws IOException {
        Fixture.Result parent = fx.run(fx.command(fx.settings(settings)), environment);
        assertEquals(0, parent.exit(), parent.toString());
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        seen.add(pid);
        return pid;
    }

    /** The sleeper the sleeper file names now, after checking it names it for {@code daemon}. */
    private long sleeper(long daemon) throws IOException {
        Matcher file = SLEEPER_FILE.matcher(Files.readString(dir.resolve("daemon.pid.sleeper")));
        assertTrue(file.matches(), "sleeper file");
        assertEquals(daemon, Long.parseLong(file.group(1)));
        long sleeper = Long.parseLong(file.group(2));
        seen.add(sleeper);
        return sleeper;
    }

    @Test
    void aDaemonRunsDetachedUnderJavawWithItsPidFileAndItsLog() throws IOException {
        Path log = fx.path("daemon.log");
        Files.writeString(log, "before\n");
        long pid = startDaemon("log=" + log);

        assertEquals(pid + "\n", Files.readString(pidFile()), "readable while the daemon holds its lock");
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        assertTrue(daemon.info().command().orElseThrow().toLowerCase().endsWith("java.exe"),
                "the same launcher, no javaw: " + daemon.info());
        assertTrue(daemon.isAlive());
        assertFalse(daemon.parent().map(ProcessHandle::isAlive).orElse(false), "it outlives the process that started it");
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains("up, pid " + pid + ", from the parent"));
        assertTrue(Files.readString(log).startsWith("before\n"), "appended to");
        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(pid));
    }

    @Test
    void signalsReachTheirHandlersThroughSleepersAndSigtermEndsTheDaemonCleanly() throws IOException {
        long pid = startDaemon("int=mark", "abrt=mark");
        long first = sleeper(pid);
        assertTrue(alive(first));

        Daemoniker.send(pidFile(), Signal.SIGINT);
        await().atMost(DEADLINE).until(() -> fx.events().contains("handled SIGINT"));
        Daemoniker.send(pidFile(), Signal.SIGABRT);
        await().atMost(DEADLINE).until(() -> fx.events().contains("handled SIGABRT"));
        long current = sleeper(pid);
        assertNotEquals(first, current);
        assertFalse(alive(first));
        assertEquals(pid + "\n", Files.readString(pidFile()), "the pid file still names the daemon");

        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(pid));
        await().atMost(DEADLINE).until(() -> Files.notExists(pidFile()));
        await().atMost(DEADLINE).until(() -> Files.notExists(dir.resolve("daemon.pid.sleeper")));
        await().atMost(DEADLINE).until(() -> seen.stream().noneMatch(WindowsIT::alive));
    }

    @Test
    void aDaemonKilledOutrightTakesItsSleeperWithIt() throws IOException {
        long pid = startDaemon("int=mark");
        long sleeper = sleeper(pid);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(DEADLINE).until(() -> !alive(sleeper));

        DaemonikerException e = assertThrows(DaemonikerException.class, () -> Daemoniker.send(pidFile(), Signal.SIGINT));
        assertTrue(e.getMessage().contains("(pid " + pid + ") is not running"), e.getMessage());
    }

    @Test
    void aSleeperKilledByAToolIsReplacedAndNotTakenForASignal() throws IOException {
        Path log = fx.path("daemon.log");
        long pid = startDaemon("int=mark", "log=" + log);
        long killed = sleeper(pid);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await().atMost(DEADLINE).until(() -> sleeper(pid) != killed);
        await().atMost(DEADLINE).until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("signal sleeper "
                + killed + " ended with exit code 1, which carries no signal"));
        assertFalse(fx.events().contains("handled SIGINT"));

        Daemoniker.send(pidFile(), Signal.SIGINT);
        await().atMost(DEADLINE).until(() -> fx.events().contains("handled SIGINT"));
        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(pid));
    }

    @Test
    void theDaemonAloneGetsItsJvmOptionsAndEnvironmentAndAskedToStopItEndsCleanly() throws IOException {
        long pid = startFixtureDaemon(java.util.Map.of("FIXTURE_GONE", "the launcher's"), "jvm=-Dfixture.only=daemon",
                "env=FIXTURE_ONLY=daemon", "unset=FIXTURE_GONE", "exitzero=yes");
        String said = Files.readString(fx.path("report"));
        for (String line : new String[] {"property=daemon", "only=daemon", "gone=null"}) {
            assertTrue(said.contains(line + "\n"), line + " in " + said);
        }
        Fixture.Result stop = fx.cli("stop", "--pid-file", pidFile().toString(), "--timeout", "20s");
        assertEquals(0, stop.exit(), "exitZeroOnStop takes SIGTERM through a sleeper of its own: " + stop);
        assertEquals("stopped, pid " + pid, stop.stdout().strip(), stop.toString());
        assertFalse(alive(pid));
    }

    @Test
    void argumentsOfSeveralTypesArriveAndSetupRunsOnce() throws IOException {
        long pid = startFixtureDaemon(java.util.Map.of());
        String said = Files.readString(fx.path("report"));
        assertTrue(said.contains("pid=" + pid + "\n"), said);
        for (String arg : new String[] {"arg0=java.lang.String:hello, daemon", "arg1=java.lang.Integer:42",
            "arg2=java.lang.Double:3.5", "arg3=java.util.ImmutableCollections$ListN:[a, b, c]",
            "arg4=io.github.daemoniker.it.fixtures.FixtureDaemon$Endpoint:Endpoint[host=localhost, port=8080, tags=[x, y]]",
            "arg6=java.util.ImmutableCollections$Map1:{k=1}"}) {
            assertTrue(said.contains(arg + "\n"), arg + " in " + said);
        }
        assertEquals(1, Files.readAllLines(fx.path("counter")).size(), "setup ran once, in the original process");
        Fixture.Result stop = fx.cli("stop", "--pid-file", pidFile().toString(), "--timeout", "2s", "--kill");
        assertEquals(0, stop.exit(), "a daemon without a SignalHandler is ended after the timeout: " + stop);
        assertTrue(stop.stdout().startsWith("killed, pid " + pid + ", which could not be sent SIGTERM ("), stop.toString());
        assertFalse(alive(pid));
        assertFalse(Files.exists(pidFile()), "its pid file is removed");
    }

    @Test
    void aDaemonWhoseLauncherFailsSaysWhyAtOnceNotAtTheTimeout() throws IOException {
        // the main class's copy is deleted during setup: the relaunched launcher cannot find it
        Path classes = fx.path("classes");
        Path own = Path.of(Fixture.BUILD.resolve("test-classes").toString(), "io", "github", "daemoniker", "it",
                "fixtures");
        Files.createDirectories(classes.resolve("io/github/daemoniker/it/fixtures"));
        try (var files = Files.list(own)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, classes.resolve("io/github/daemoniker/it/fixtures").resolve(file.getFileName()));
            }
        }
        List<String> command = fx.command(fx.settings("delete-dir=" + classes, "timeout=60000"));
        int cp = command.indexOf("-cp");
        command.set(cp + 1, classes + java.io.File.pathSeparator + command.get(cp + 1).replace(
                Fixture.BUILD.resolve("test-classes").toString(), classes.toString()));
        long start = System.nanoTime();
        Fixture.Result result = fx.run(command);
        assertNotEquals(0, result.exit(), result.toString());
        assertTrue(result.stderr().contains("exited before it was ready"), result.toString());
        assertTrue(result.stderr().contains("FixtureDaemon"), "the launcher's own words: " + result);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(50)) < 0,
                "said at once, not at the 60 s timeout: " + result);
        assertFalse(Files.exists(pidFile()));
    }

    @Test
    void aStalePidFileOfAKilledDaemonIsTakenOver() throws IOException {
        long killed = startDaemon("log=" + fx.path("first.log"));
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await().atMost(DEADLINE).until(() -> !alive(killed));
        assertEquals(killed + "\n", Files.readString(pidFile()), "TerminateProcess leaves the pid file behind");
        Files.delete(fx.path("events"));
        long next;
        try {
            next = startDaemon("log=" + fx.path("second.log"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- its log\n" + Files.readString(fx.path("second.log")), e);
        }
        assertNotEquals(killed, next);
        assertEquals(next + "\n", Files.readString(pidFile()));
        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(next));
    }

    @Test
    void eachSignalReachesACustomHandlerAndTheDefaultsEndTheDaemonInOrder() throws IOException {
        long pid = startDaemon("term=mark", "int=count");
        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> fx.events().contains("handled SIGTERM"));
        for (int i = 0; i < 20; i++) {
            Daemoniker.send(pidFile(), Signal.SIGINT);
        }
        await().atMost(DEADLINE).until(() -> fx.events().contains("count 20"));
        assertEquals(20, fx.events().stream().filter(event -> event.startsWith("count ")).count(), "none lost, none twice");
        assertTrue(alive(pid));
        Fixture.Result send = fx.cli("send", "--pid-file", pidFile().toString(), "ABRT");
        assertEquals(0, send.exit(), send.toString());
        assertEquals("sent SIGABRT to pid " + pid, send.stdout().strip());
        await().atMost(DEADLINE).until(() -> !alive(pid));
        await().atMost(DEADLINE).until(() -> Files.notExists(pidFile()));
        await().atMost(DEADLINE).until(() -> Files.notExists(dir.resolve("daemon.pid.sleeper")));

        for (Signal signal : new Signal[] {Signal.SIGINT, Signal.SIGTERM}) {
            Files.delete(fx.path("events"));
            long next = startDaemon("abrt=mark");
            Daemoniker.send(pidFile(), signal);
            await().atMost(DEADLINE).until(() -> !alive(next));
            await().atMost(DEADLINE).until(() -> Files.notExists(pidFile()));
        }
    }

    @Test
    void stopKillEndsADaemonWhoseHandlerHangs() throws IOException {
        long pid = startDaemon("term=hang");
        Fixture.Result stop = fx.cli("stop", "--pid-file", pidFile().toString(), "--timeout", "2s", "--kill");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(fx.events().contains("hanging on SIGTERM"), fx.events().toString());
        assertEquals("killed, pid " + pid + ", still running 2 s after SIGTERM", stop.stdout().strip());
        assertFalse(alive(pid));
        await().atMost(DEADLINE).until(() -> seen.stream().noneMatch(WindowsIT::alive));
    }

    @Test
    void aSecondDaemonOnTheSamePidFileIsRefused() throws IOException {
        long pid = startDaemon();
        Fixture.Result second = fx.run(fx.signalDaemon());
        assertNotEquals(0, second.exit(), second.toString());
        assertTrue(second.stderr().contains("a daemon is already running (pid " + pid + ") with pid file "),
                second.toString());
        assertEquals(pid + "\n", Files.readString(pidFile()));
        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(pid));
    }

    @Test
    void theCommandLineToolReadsTheStatusAndStopsTheDaemon() throws IOException {
        long pid = startDaemon();
        Fixture.Result status = fx.cli("status", "--pid-file", pidFile().toString());
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.stdout().contains(Long.toString(pid)), status.toString());
        Fixture.Result stop = fx.cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertFalse(alive(pid));
        assertEquals(3, fx.cli("status", "--pid-file", pidFile().toString()).exit(), "not running");
    }

    @Test
    void theDaemonRotatesItsOwnLogBySizeRenamingFilesItWritesAndLosesNoLine() throws IOException {
        Path log = fx.path("app.log");
        long pid = startFixtureDaemon(java.util.Map.of(), "stdout=" + log, "stderr=" + log, "rotate=8192:3", "count=yes",
                "exitzero=yes");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("app.log.3")));
        long oldestFirst = CountedLog.numbers(fx.path("app.log.3")).get(0);
        await().atMost(DEADLINE).until(() -> CountedLog.numbers(fx.path("app.log.3")).get(0) > oldestFirst);

        Daemoniker.send(pidFile(), Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> !alive(pid));
        assertFalse(Files.exists(fx.path("app.log.4")), "three kept, the oldest dropped");
        assertTrue(CountedLog.contiguous(List.of(fx.path("app.log.3"), fx.path("app.log.2"), fx.path("app.log.1"), log))
                > 0);
    }
}
