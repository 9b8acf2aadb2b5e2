package io.github.daemoniker.it;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.Signal;
import io.github.daemoniker.TestLibc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real signals, sent from this process to real daemons and plain processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class SignalsIT extends DaemonTestSupport {

    private List<String> command(String... settings) {
        return fx.signalDaemon(settings);
    }

    /** Starts the fixture as a plain child of this process, to see its exit status. */
    private Process startForeground(List<String> extraJvmOptions, String... settings) throws IOException {
        List<String> command = command(settings);
        command.add("foreground=yes");
        command.addAll(1, extraJvmOptions);
        return fx.start(command, Map.of(), "foreground");
    }

    private List<String> events() throws IOException {
        return fx.events();
    }

    private void awaitEvent(String event) {
        await().atMost(DEADLINE).until(() -> events().contains(event));
    }

    @Test
    void aSignalHandlerIsTheOneThreadOfTheLibraryInItsDaemon() {
        ProcInfo daemon = new ProcInfo(startSignalDaemon("term=mark"));
        // "daemoniker-signals" as the kernel keeps it
        await().atMost(DEADLINE).untilAsserted(() -> assertEquals(List.of("daemoniker-sign"), daemon.threadNames()
                .stream().filter(name -> name.startsWith("daemoniker")).toList(), "threads " + daemon.threadNames()));
    }

    @Test
    void customHandlersRunForEachSignalSentByAnotherProcess() throws IOException {
        long pid = startSignalDaemon("term=mark", "int=mark", "abrt=mark", "hup=mark", "usr1=mark");
        Path pidFile = fx.path("daemon.pid");
        for (Signal signal : new Signal[] {Signal.SIGTERM, Signal.SIGINT, Signal.SIGABRT, Signal.SIGHUP,
                Signal.SIGUSR1}) {
            Daemoniker.send(pidFile, signal);
            awaitEvent("handled " + signal);
        }
        Daemoniker.send(pidFile, 15);
        await().atMost(DEADLINE).until(() -> events().stream().filter("handled SIGTERM"::equals).count() == 2);
        assertTrue(ProcInfo.alive(pid));
    }

    @Test
    void theDefaultHandlerEndsTheDaemonInOrderAndRemovesThePidFile() {
        long pid = startSignalDaemon();
        Daemoniker.send(fx.path("daemon.pid"), Signal.SIGTERM);
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void theDefaultHandlerExitsWith128PlusTheSignal() throws Exception {
        for (Signal signal : new Signal[] {Signal.SIGTERM, Signal.SIGINT, Signal.SIGABRT}) {
            Files.deleteIfExists(fx.path("events"));
            Process process = startForeground(List.of());
            awaitEvent("started");
            assertEquals(0, TestLibc.kill(process.pid(), signal.number()));
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(128 + signal.number(), process.exitValue(), signal + ": " + Files.readString(fx.path("foreground.out")));
        }
    }

    @Test
    void ignoreKeepsTheDaemonAliveAndLaterSignalsAreStillHandledInOrder() throws IOException {
        long pid = startSignalDaemon("int=ignore", "term=ignore", "hup=mark");
        Path pidFile = fx.path("daemon.pid");
        Daemoniker.send(pidFile, Signal.SIGINT);
        Daemoniker.send(pidFile, Signal.SIGTERM);
        Daemoniker.send(pidFile, Signal.SIGHUP);
        // handled in arrival order: once the HUP is handled, the INT and TERM were ignored
        awaitEvent("handled SIGHUP");
        assertTrue(ProcInfo.alive(pid));
        assertEquals(List.of("started", "handled SIGHUP"), events());
    }

    @Test
    void stopRestoresThePreviousHandlers() throws Exception {
        long pid = startSignalDaemon("term=mark", "hup=stop");
        Path pidFile = fx.path("daemon.pid");
        Daemoniker.send(pidFile, Signal.SIGTERM);
        awaitEvent("handled SIGTERM");
        Daemoniker.send(pidFile, Signal.SIGHUP);
        awaitEvent("stopped");
        // the JVM's own SIGTERM handling is back: shutdown hooks, pid file removed
        Daemoniker.send(pidFile, Signal.SIGTERM);
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(pidFile));
        assertEquals(1, events().stream().filter("handled SIGTERM"::equals).count());

        Files.delete(fx.path("events"));
        Process process = startForeground(List.of(), "hup=stop");
        awaitEvent("started");
        assertEquals(0, TestLibc.kill(process.pid(), Signal.SIGHUP.number()));
        try {
            awaitEvent("stopped");
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            if (process.isAlive()) {   // its threads, to see where it waits
                TestLibc.kill(process.pid(), Signal.SIGQUIT.number());
                await().atMost(DEADLINE).until(() -> Files.readString(fx.path("foreground.out")).contains("JNI global"));
            }
            throw new AssertionError("no 'stopped' after SIGHUP; alive " + process.isAlive() + ", events " + events()
                    + ", its output:\n" + Files.readString(fx.path("foreground.out")), e);
        }
        TestLibc.kill(process.pid(), Signal.SIGTERM.number());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue(), "the JVM's own handler exits with 143");
    }

    @Test
    void signalsIgnoredWhenTheJvmStartedAreHandledWhenAHandlerAsksForThem() throws Exception {
        // as under nohup, or as a shell's background job: a JVM keeps such signals ignored unless told
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' HUP INT TERM; exec \"$@\"", "sh"));
        command.addAll(command("hup=mark", "int=mark", "term=mark"));
        command.add("foreground=yes");
        Process process = fx.start(command, Map.of(), "foreground");
        awaitEvent("started");
        for (Signal signal : List.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM)) {
            assertEquals(0, TestLibc.kill(process.pid(), signal.number()));
            awaitEvent("handled " + signal);
        }
        assertTrue(process.isAlive(), "each went to its handler");
        process.destroyForcibly();
    }

    @Test
    void aBurstOfAThousandHupsLeavesTheDaemonAliveAndItStillStopsCleanly() {
        long pid = startSignalDaemon("hup=count");
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, TestLibc.kill(pid, Signal.SIGHUP.number()));
        }
        awaitEvent("count 1");
        assertTrue(ProcInfo.alive(pid));
        Daemoniker.send(fx.path("daemon.pid"), Signal.SIGTERM);
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void defaultSignalsCanBeReceivedAsValuesInMain() {
        long pid = startSignalDaemon("await=yes");
        Path pidFile = fx.path("daemon.pid");
        Daemoniker.send(pidFile, Signal.SIGINT);
        awaitEvent("awaited Sigint 2");
        assertTrue(ProcInfo.alive(pid));
        Daemoniker.send(pidFile, Signal.SIGTERM);
        awaitEvent("awaited Sigterm 15");
        awaitGone(pid);
        await().atMost(DEADLINE).until(() -> !Files.exists(pidFile));
    }

    @Test
    void aSignalTheJvmKeepsIsRefusedByStartNamingIt() throws Exception {
        // with -Xrs the JVM keeps SIGHUP, SIGINT and SIGTERM to itself
        Process reduced = startForeground(List.of("-Xrs"), "usr1=mark");
        assertTrue(reduced.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, reduced.exitValue());
        assertEquals(List.of("refused SIGINT cannot be handled in this JVM, which keeps it for itself (Signal"
                + " already used by VM or OS: SIGINT): the JVM uses it internally, or runs with -Xrs"), events());
    }

    @Test
    void nothingIsSentForAMissingGarbageOrDeadPidFile() throws IOException {
        Path missing = fx.path("missing.pid");
        assertEquals("pid file " + missing + " does not exist: the daemon is not running, or uses another pid"
                + " file; nothing was sent", assertThrows(DaemonikerException.class,
                () -> Daemoniker.send(missing, Signal.SIGTERM)).getMessage());

        Path garbage = Files.writeString(fx.path("garbage.pid"), "hello\n");
        assertEquals("pid file " + garbage + " does not hold a pid (it holds 'hello'); nothing was sent",
                assertThrows(DaemonikerException.class, () -> Daemoniker.send(garbage, Signal.SIGTERM)).getMessage());

        long pid = startSignalDaemon();
        DaemonizeIT.kill("KILL", pid);
        awaitGone(pid);
        Path stale = fx.path("daemon.pid");
        assertEquals("the daemon of pid file " + stale + " (pid " + pid + ") is not running; nothing was sent",
                assertThrows(DaemonikerException.class, () -> Daemoniker.send(stale, Signal.SIGTERM)).getMessage());
    }

    @Test
    void aPidReusedByAnUnrelatedProcessIsNeverSignalled() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "1000").start();
        try {
            Path pidFile = Files.writeString(fx.path("reused.pid"), sleep.pid() + "\n");
            DaemonikerException e = assertThrows(DaemonikerException.class,
                    () -> Daemoniker.send(pidFile, Signal.SIGTERM));
            assertTrue(e.getMessage().contains("which is running but does not hold the file's lock"), e.getMessage());

            long daemon = startSignalDaemon();
            Path held = fx.path("daemon.pid");
            Files.writeString(held, sleep.pid() + "\n");
            DaemonikerException locked = assertThrows(DaemonikerException.class,
                    () -> Daemoniker.send(held, Signal.SIGTERM));
            assertEquals("pid file " + held + " names pid " + sleep.pid() + " but is locked by pid " + daemon
                    + ": it is not that daemon's; nothing was sent", locked.getMessage());

            assertFalse(sleep.waitFor(500, TimeUnit.MILLISECONDS), "the unrelated process must survive");
            assertTrue(ProcInfo.alive(daemon));
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void anUnlockedPidFileIsSignalledOnlyWhenTheCallerTrustsIt() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "1000").start();
        try {
            // the way Python Daemoniker writes it: the pid and a newline, no lock
            Path pidFile = Files.writeString(fx.path("python.pid"), sleep.pid() + "\n");
            assertThrows(DaemonikerException.class, () -> Daemoniker.send(pidFile, Signal.SIGTERM));
            assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS));
            Daemoniker.sendUnlocked(pidFile, Signal.SIGTERM);
            assertTrue(sleep.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, sleep.exitValue());
        } finally {
            sleep.destroyForcibly();
        }
    }
}
