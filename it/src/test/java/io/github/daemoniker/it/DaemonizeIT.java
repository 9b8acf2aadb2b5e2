package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.it.fixtures.ReflectiveLauncher;
import io.github.daemoniker.it.fixtures.StartTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real daemons, inspected from outside through /proc, the pid file and the logs. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class DaemonizeIT extends DaemonTestSupport {
    private static final int SIGHUP = 1;
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;
    private static final int SIGTERM = 15;
    private static final int ENXIO = 6;

    @Test
    void theDaemonIsDetachedFromTheParentSessionAndTerminal() throws Exception {
        Fixture.Result parent = fx.run(fx.command(fx.settings()));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertTrue(parent.stdout().contains("parent: daemon pid " + pid), parent.toString());
        assertEquals(String.valueOf(pid), report().get("pid"));

        ProcInfo daemon = new ProcInfo(pid);
        ProcInfo self = new ProcInfo(ProcessHandle.current().pid());
        assertNotEquals(pid, daemon.session(), "the daemon must not lead its session");
        assertNotEquals(self.session(), daemon.session(), "the daemon must leave the original session");
        assertEquals(daemon.session(), daemon.processGroup(), "the daemon stays in the group of the session it left");
        assertEquals(0, daemon.terminal(), "the daemon must have no controlling terminal");
        assertEquals("errno " + ENXIO, report().get("tty"), "opening /dev/tty must fail with ENXIO");
        List<Long> adopters = new ArrayList<>(List.of(1L));
        ProcessHandle.current().parent().ifPresent(p -> collectAncestors(p, adopters));
        assertTrue(adopters.contains(daemon.parent()),
                "the daemon's parent " + daemon.parent() + " must be init or a subreaper above the test " + adopters);
    }

    private static void collectAncestors(ProcessHandle process, List<Long> into) {
        into.add(process.pid());
        process.parent().ifPresent(p -> collectAncestors(p, into));
    }

    @Test
    void umaskWorkingDirectoryAndStreamsAreAsAsked() throws Exception {
        Path work = Files.createDirectory(fx.path("work"));
        Files.writeString(fx.path("input"), "typed input\n");
        Fixture.Result parent = fx.run(fx.command(fx.settings("chdir=work", "umask=022", "stdin=input",
                "stdout=logs.txt", "stderr=logs.txt")));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        ProcInfo daemon = new ProcInfo(pid);

        assertEquals("0022", daemon.status("Umask"), "set before the JVM starts");
        // the working directory is changed just after ready (README): the report is written after it
        report();
        assertEquals(work.toRealPath(), daemon.workingDirectory());
        Map<Integer, String> fds = daemon.descriptors();
        assertEquals(fx.path("input").toRealPath().toString(), fds.get(0));
        assertEquals(fx.path("logs.txt").toRealPath().toString(), fds.get(1));
        assertEquals(fx.path("logs.txt").toRealPath().toString(), fds.get(2));
        await().atMost(DEADLINE).until(() -> Files.readString(fx.path("logs.txt")).contains("daemon stderr " + pid));
        assertTrue(Files.readString(fx.path("logs.txt")).contains("daemon stdout " + pid));
        // user.dir is the JVM's view, fixed at start; documented
        assertEquals(dir.toString(), report().get("user.dir"));
    }

    @Test
    void defaultsAreRootDirectoryNullDeviceAndUmask027() {
        Fixture.Result parent = fx.run(fx.command(fx.settings()));
        assertEquals(0, parent.exit(), parent.toString());
        report(); // written once the daemon has settled: until then its unset streams are the parent's pipe
        ProcInfo daemon = new ProcInfo(pidFromFile(fx.path("daemon.pid")));
        assertEquals("0027", daemon.status("Umask"));
        assertEquals(Path.of("/"), daemon.workingDirectory());
        Map<Integer, String> fds = daemon.descriptors();
        for (int fd = 0; fd <= 2; fd++) {
            assertEquals("/dev/null", fds.get(fd), "fd " + fd);
        }
    }

    @Test
    void setupRunsOnceAndArgumentsRoundTrip() throws Exception {
        Fixture.Result parent = fx.run(fx.command(fx.settings("big=200000")));
        assertEquals(0, parent.exit(), parent.toString());
        assertTrue(parent.stdout().contains(" args 8"), "the parent sees as many (null) args: " + parent);
        Map<String, String> report = report();
        assertEquals("8", report.get("argc"));
        assertEquals("java.lang.String:hello, daemon", report.get("arg0"));
        assertEquals("java.lang.Integer:42", report.get("arg1"));
        assertEquals("java.lang.Double:3.5", report.get("arg2"));
        assertTrue(report.get("arg3").endsWith(":[a, b, c]"), report.get("arg3"));
        assertEquals("io.github.daemoniker.it.fixtures.FixtureDaemon$Endpoint:Endpoint[host=localhost, port=8080,"
                + " tags=[x, y]]", report.get("arg4"));
        assertTrue(report.get("arg5").endsWith(":/tmp/some path"), report.get("arg5"));
        assertTrue(report.get("arg6").endsWith(":{k=1}"), report.get("arg6"));
        assertEquals("java.lang.String:length 200000", report.get("arg7"), "a hand-off larger than a pipe holds");
        List<String> setups = Files.readAllLines(fx.path("counter"));
        assertEquals(1, setups.size(), "setup must run once: " + setups);
        assertFalse(setups.get(0).endsWith(" " + report.get("pid")), "setup ran in the original process");
    }

    @Test
    void noDescriptorIsInheritedButTheShieldedOnes() throws Exception {
        // fd 7 comes in from the environment; the canary is opened by native code without close-on-exec
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec 7>\"$0\"; exec \"$@\"",
                fx.path("stray").toString()));
        command.addAll(fx.command(fx.settings("canary=" + fx.path("canary"), "shield=" + fx.path("shielded"))));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        Map<String, String> report = report();
        int shieldedFd = Integer.parseInt(report.get("arg7").substring("java.lang.Integer:".length()));

        Map<Integer, String> fds = new ProcInfo(pid).descriptors();
        assertEquals(fx.path("shielded").toString(), fds.get(shieldedFd), "the shielded fd keeps its number: " + fds);
        assertFalse(fds.containsValue(fx.path("stray").toString()), "stray fd 7 leaked: " + fds);
        assertFalse(fds.containsValue(fx.path("canary").toString()), "the parent's canary leaked: " + fds);
        assertTrue(fds.values().stream().noneMatch(t -> t.startsWith("pipe:")), "a channel pipe leaked: " + fds);
        assertEquals(1, fds.values().stream().filter(t -> t.equals(fx.path("daemon.pid").toString())).count(),
                "the daemon holds its pid file open once: " + fds);
    }

    @Test
    void aReadyDaemonRunsNoThreadOfTheLibrary() {
        Fixture.Result parent = fx.run(fx.command(fx.settings()));
        assertEquals(0, parent.exit(), parent.toString());
        ProcInfo daemon = new ProcInfo(pidFromFile(fx.path("daemon.pid")));
        // the preload thread ends once the native layer and Kryo are loaded, soon after ready
        await().atMost(DEADLINE).untilAsserted(() -> assertEquals(List.of(), daemon.threadNames().stream()
                .filter(name -> name.startsWith("daemoniker")).toList(), "threads " + daemon.threadNames()));
    }

    /**
     * Linux starts the daemon with the JDK alone: JNA's ~100 ms are on neither process's way to
     * ready; the daemon's JDK lock becomes an open-file-description lock of the whole file once it
     * has loaded JNA, after ready.
     */
    @Test
    void theOriginalProcessNeverLoadsTheNativeLayerAndTheDaemonEndsUpWithAnOpenFileDescriptionLock() throws Exception {
        List<String> command = new ArrayList<>(fx.command(fx.settings()));
        command.add(1, "-Xlog:class+load:file=" + fx.path("classes-%p.txt"));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        report();
        String original = originalClassLog(pid);
        assertTrue(original.contains("io.github.daemoniker.unix.JdkLauncher"), "launched by the JDK");
        assertFalse(original.contains("com.sun.jna"), "JNA loaded in the original process");
        assertTrue(Files.readString(fx.path("classes-" + pid + ".txt")).contains("com.sun.jna.Native"),
                "the daemon loads JNA after ready");

        long inode = (Long) Files.getAttribute(fx.path("daemon.pid"), "unix:ino");
        List<String> locks = Files.readAllLines(Path.of("/proc/locks")).stream()
                .filter(line -> line.contains(":" + inode + " ")).toList();
        assertEquals(1, locks.size(), "the pid file's locks: " + locks);
        assertTrue(locks.get(0).matches(".*OFDLCK +ADVISORY +WRITE .* 0 EOF$"), "one whole-file lock: " + locks);
    }

    /** A lambda class of the library's, as a class log names it once spun. */
    private static final Pattern LIBRARY_LAMBDA = Pattern.compile("io\\.github\\.daemoniker\\.\\S*\\$\\$Lambda");

    /**
     * What a start without arguments need not load, seen in both JVMs' class logs: Kryo (verifying a
     * class that names its types opens every jar before Kryo's) in the original process, and the
     * JDK's process reaper (ProcessHandle.current(), about 10 ms) and data streams' VarHandles in the
     * daemon before ready; in neither, java.util.logging or a lambda of the library's (spun at first
     * use, on JDK 24+ through the class-file API, whose warming up kept the original's compiler
     * threads busy).
     */
    /** The class log (-Xlog:class+load, classes-PID.txt) of the one process that is not the daemon {@code pid}. */
    private String originalClassLog(long pid) throws IOException {
        List<Path> others;
        try (var logs = Files.list(dir)) {
            others = logs.filter(log -> log.getFileName().toString().matches("classes-[0-9]+\\.txt")
                    && !log.endsWith("classes-" + pid + ".txt")).toList();
        }
        assertEquals(1, others.size(), "the original process's log of classes: " + others);
        return Files.readString(others.get(0));
    }

    @Test
    void aStartLoadsNothingItDoesNotNeedInEitherProcess() throws Exception {
        List<String> command = new ArrayList<>(Fixture.command(StartTargets.class, "library",
                fx.path("daemon.pid").toString()));
        command.add(1, "-Xlog:class+load:file=" + fx.path("classes-%p.txt"));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        long pid = Long.parseLong(parent.stdout().strip());
        String original = originalClassLog(pid);
        assertFalse(original.contains("com.esotericsoftware"), "Kryo loaded without arguments");
        // each costs milliseconds at its first use in a JVM (java.util.logging's start, 20 on Temurin 25)
        assertFalse(original.contains("java.util.logging.LogManager "), "the original process started java.util.logging");
        assertFalse(LIBRARY_LAMBDA.matcher(original).find(),
                "the original process spun a lambda of the library's");
        String daemon = Files.readString(fx.path("classes-" + pid + ".txt"));
        int ready = daemon.indexOf("io.github.daemoniker.internal.StartupOutput ");
        assertTrue(ready > 0, "the daemon reached ready");
        String beforeReady = daemon.substring(0, ready);
        assertFalse(beforeReady.contains("java.lang.ProcessHandleImpl "), "the daemon started the JDK's process reaper before ready");
        assertFalse(beforeReady.contains("java.util.logging.LogManager "), "the daemon started java.util.logging before ready");
        // JDK 21+: data streams read numbers through VarHandles over byte arrays (~1.8 ms to start)
        assertFalse(beforeReady.contains("jdk.internal.util.ByteArray "), "the daemon read numbers through VarHandles before ready");
        assertFalse(LIBRARY_LAMBDA.matcher(beforeReady).find(),
                "the daemon spun a lambda of the library's before ready");
        assertFalse(beforeReady.contains("java.util.regex.Pattern "), "the daemon compiled a regular expression before ready");
    }

    @Test
    void signalsIgnoredByTheCallerDoNotSurviveIntoTheDaemon() {
        // as nohup and a shell's background jobs do
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' HUP INT QUIT TERM; exec \"$@\"", "sh"));
        command.addAll(fx.command(fx.settings()));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        ProcInfo daemon = new ProcInfo(pid);
        for (int signal : new int[] {SIGHUP, SIGINT, SIGQUIT, SIGTERM}) {
            assertFalse(daemon.signalBit("SigIgn", signal), "signal " + signal + " is still ignored");
            assertFalse(daemon.signalBit("SigBlk", signal), "signal " + signal + " is blocked");
        }
        for (int signal : new int[] {SIGHUP, SIGINT, SIGTERM}) {
            assertTrue(daemon.signalBit("SigCgt", signal), "the JVM must handle signal " + signal);
        }
        assertEquals("0000000000000000", daemon.status("SigBlk"));
        kill("INT", pid);
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void sigtermEndsTheDaemonAndRemovesThePidFile() {
        Fixture.Result parent = fx.run(fx.command(fx.settings()));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        kill("TERM", pid);
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void anExceptionInTheParentBranchIsPrintedAndExitsWithStatus2() {
        Fixture.Result parent = fx.run(fx.command(fx.settings("parent-throws=yes")));
        assertEquals(2, parent.exit(), parent.toString());
        assertTrue(parent.stderr().startsWith("Exception in thread \"main\" java.lang.IllegalStateException: thrown in the"
                + " parent branch\n\tat "), parent.toString());
        assertFalse(parent.stderr().contains("ParentExit"), "the library's way out is not the user's trace: " + parent);
        assertTrue(ProcInfo.alive(pidFromFile(fx.path("daemon.pid"))), "the daemon itself was started and stays");
    }

    /**
     * Under a launcher that calls main by reflection and lets what it throws out wrapped (Spring
     * Boot's JarLauncher): status 0 and nothing on stderr after a start, status 2 and the user's own
     * exception after a failure in the parent branch.
     */
    @Test
    void aLauncherThatCallsMainByReflectionEndsTheOriginalProcessAsMainWould() {
        List<String> launched = new ArrayList<>(fx.command(fx.settings()));
        launched.add(launched.indexOf(Fixture.MAIN), ReflectiveLauncher.class.getName());
        Fixture.Result parent = fx.run(launched);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr(), "nothing of the library's: " + parent);
        assertEquals(String.valueOf(pidFromFile(fx.path("daemon.pid"))), report().get("pid"));

        List<String> throwing = new ArrayList<>(fx.command(fx.settings("parent-throws=yes", "pidfile=" + fx.path("t.pid"),
                "report=" + fx.path("report-t"))));
        throwing.add(throwing.indexOf(Fixture.MAIN), ReflectiveLauncher.class.getName());
        Fixture.Result failed = fx.run(throwing);
        assertEquals(2, failed.exit(), failed.toString());
        assertTrue(failed.stderr().startsWith("Exception in thread \"main\" java.lang.IllegalStateException: thrown in"
                + " the parent branch\n\tat "), failed.toString());
        assertFalse(failed.stderr().contains("ParentExit"), failed.toString());
    }

    @Test
    void anOriginalProcessThatGoesOnPastDaemonizeWithoutClosingFailsLoudlyBeforeTheDaemonsCode() {
        Fixture.Result parent = fx.run(fx.command(fx.settings("unclosed=yes")));
        assertEquals(1, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertTrue(parent.stdout().startsWith("parent: daemon pid " + pid), parent.toString());
        assertTrue(parent.stderr().contains("java.lang.IllegalStateException: a SignalHandler was started in the original"
                + " process after its daemon was started: its Daemonizer was not closed after daemonize started the"
                + " daemon, so this process went on as if it were the daemon: open the Daemonizer in"
                + " try-with-resources"), parent.toString());
        assertEquals(1, fx.processes().size(), "the daemon alone runs the daemon's code: " + fx.processes());
        assertTrue(ProcInfo.alive(pid));
    }

    @Test
    void theOneCallFormWithSetupRunsSetupOnceAndStartedInTheOriginalOnly() throws IOException {
        Path counter = fx.path("counter");
        Fixture.Result parent = fx.run(fx.command(fx.settings("setup-form=yes", "counter=" + counter)));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals("started, pid " + pid + "\n", parent.stdout());
        Map<String, String> report = report();
        assertEquals("java.lang.String:from setup", report.get("arg0"));
        assertEquals("java.lang.Integer:7", report.get("arg1"));
        List<String> setups = Files.readAllLines(counter);
        assertEquals(1, setups.size(), "setup ran once: " + setups);
        assertNotEquals("setup " + pid, setups.get(0), "in the original process");
    }

    @Test
    void thePlainFormExitsTheParentWithStatus0AndReturnsTheArgsInTheDaemon() {
        Fixture.Result parent = fx.run(fx.command(fx.settings("plain=yes")));
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stdout(), "the plain form prints nothing");
        Map<String, String> report = report();
        assertEquals("java.lang.String:plain", report.get("arg0"));
        assertEquals("java.lang.Integer:42", report.get("arg1"));
        assertEquals(String.valueOf(pidFromFile(fx.path("daemon.pid"))), report.get("pid"));
    }

    static void kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whatTheDaemonSaysOnItsWayUpIsPrintedByTheOriginalProcess() {
        Fixture.Result parent = fx.run(fx.command(fx.settings("say-before=starting up")));
        assertEquals(0, parent.exit(), parent.toString());
        assertTrue(parent.stderr().contains("the daemon says: starting up"), parent.toString());

        Fixture.Result logged = fx.run(fx.command(fx.settings("say-before=to the log", "stdout=" + fx.path("out.log"),
                "pidfile=" + fx.path("b.pid"), "report=" + fx.path("report-b"))));
        assertEquals(0, logged.exit(), logged.toString());
        assertFalse(logged.stderr().contains("the daemon says"), "a stream with a file goes to the file: " + logged);
    }
}
