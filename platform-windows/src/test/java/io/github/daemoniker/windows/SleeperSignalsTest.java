package io.github.daemoniker.windows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.CapturedLog;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared half of Windows signals (sleeper file, listener, sender) driven through real
 * sleeper processes, the Windows half of which is a few Win32 calls (WindowsIT runs those).
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "the stand-in sleepers are POSIX shells; on Windows,"
        + " WindowsIT drives the real ones")
class SleeperSignalsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final ShellSleepers sleepers = new ShellSleepers();
    private final List<Runnable> restores = new ArrayList<>();
    private final CapturedLog log = CapturedLog.of(SleeperListener.class);

    @AfterEach
    void restore() {
        restores.forEach(Runnable::run);
        log.close();
    }

    private Path pidFile() {
        return dir.resolve("daemon.pid");
    }

    private SleeperFile sleeperFile() {
        return SleeperFile.read(pidFile()).orElseThrow();
    }

    private void listen(SleeperListener listener, Signal signal, java.util.function.Consumer<Signal> sink) {
        restores.add(listener.handle(signal, sink));
    }

    private void send(Signal signal) {
        SleeperSender.send(pidFile(), SELF, signal, () -> true, sleepers);
    }

    @Test
    void aSignalReachesItsHandlerAndANewSleeperIsInPlaceBeforeTheHandlerRuns() {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        List<String> seen = new CopyOnWriteArrayList<>();
        listen(listener, Signal.SIGTERM, signal -> {
            SleeperFile now = sleeperFile();
            seen.add(signal + " " + now.sleeperPid() + " " + sleepers.isAlive(now.sleeperPid()));
        });
        SleeperFile first = sleeperFile();
        assertEquals(SELF, first.daemonPid());
        assertTrue(sleepers.isAlive(first.sleeperPid()));

        send(Signal.SIGTERM);

        await().atMost(DEADLINE).until(() -> seen.size() == 1);
        String[] fields = seen.get(0).split(" ");
        assertEquals("SIGTERM", fields[0]);
        assertNotEquals(Long.toString(first.sleeperPid()), fields[1], "the sleeper file names the next sleeper");
        assertEquals("true", fields[2], "the next sleeper runs while the handler runs");
        assertTrue(!sleepers.isAlive(first.sleeperPid()));
    }

    @Test
    void eachSignalReachesItsOwnHandler() {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        List<Signal> seen = new CopyOnWriteArrayList<>();
        for (Signal signal : new Signal[] {Signal.SIGINT, Signal.SIGTERM, Signal.SIGABRT}) {
            listen(listener, signal, seen::add);
        }
        send(Signal.SIGABRT);
        await().atMost(DEADLINE).until(() -> seen.size() == 1);
        send(Signal.SIGINT);
        await().atMost(DEADLINE).until(() -> seen.size() == 2);
        send(Signal.SIGTERM);
        await().atMost(DEADLINE).until(() -> seen.size() == 3);
        assertEquals(List.of(Signal.SIGABRT, Signal.SIGINT, Signal.SIGTERM), seen);
    }

    @Test
    void aSleeperKilledByAToolIsReplacedAndCarriesNoSignal() {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        List<Signal> seen = new CopyOnWriteArrayList<>();
        listen(listener, Signal.SIGTERM, seen::add);
        listen(listener, Signal.SIGINT, seen::add);
        long killed = sleeperFile().sleeperPid();

        sleepers.killFromOutside(killed);
        await().atMost(DEADLINE).until(() -> sleeperFile().sleeperPid() != killed);
        // ended with exit code 1, as TerminateProcess from Task Manager would
        sleepers.open(sleeperFile().sleeperPid(), sleeperFile().startTime()).orElseThrow().end(1);
        await().atMost(DEADLINE).until(() -> sleepers.isAlive(sleeperFile().sleeperPid()));
        send(Signal.SIGINT);

        await().atMost(DEADLINE).until(() -> !seen.isEmpty());
        assertEquals(List.of(Signal.SIGINT), seen, "neither the kill nor exit code 1 was taken for a signal");
        List<String> warnings = log.lines();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("WARNING signal sleeper " + killed + " ended with exit code 137, which"
                + " carries no signal this daemon handles (a tool ended it, or it crashed): sleeper "), warnings.get(0));
        assertTrue(warnings.get(1).contains(" ended with exit code 1, which carries no signal"), warnings.get(1));
    }

    @Test
    void noSignalIsLostWhenManySendersRaceEachOther() throws Exception {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        List<Signal> seen = new CopyOnWriteArrayList<>();
        listen(listener, Signal.SIGTERM, seen::add);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(senders.submit(() -> send(Signal.SIGTERM)));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdown();
        }
        await().atMost(DEADLINE).until(() -> seen.size() >= 40);
        assertEquals(40, seen.size());
    }

    @Test
    void stoppingTheLastHandlerEndsTheSleeperAndRemovesTheSleeperFile() {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        Runnable stopTerm = listener.handle(Signal.SIGTERM, signal -> { });
        Runnable stopInt = listener.handle(Signal.SIGINT, signal -> { });
        long sleeper = sleeperFile().sleeperPid();
        stopTerm.run();
        assertTrue(sleepers.isAlive(sleeper), "SIGINT is still handled");
        stopInt.run();
        await().atMost(DEADLINE).until(() -> !sleepers.isAlive(sleeper));
        assertTrue(Files.notExists(SleeperFile.of(pidFile())));

        DaemonikerException e = assertThrows(DaemonikerException.class, () -> send(Signal.SIGTERM));
        assertEquals("SIGTERM could not be sent to the daemon of pid file " + pidFile() + " (pid " + SELF + "): it has"
                + " no SignalHandler started (no sleeper file daemon.pid.sleeper), so it cannot receive signals on"
                + " Windows; nothing was sent", e.getMessage());
    }

    @Test
    void aSleeperFileOfAnotherDaemonIsNotUsed() {
        new SleeperFile(SELF + 1, 1, 1).write(pidFile());
        assertThrows(DaemonikerException.class, () -> send(Signal.SIGTERM));
    }

    @Test
    void nothingIsSentOnceThePidFileNamesAnotherProcess() {
        SleeperListener listener = new SleeperListener(pidFile(), sleepers);
        listen(listener, Signal.SIGTERM, signal -> { });
        long sleeper = sleeperFile().sleeperPid();
        DaemonikerException e = assertThrows(DaemonikerException.class,
                () -> SleeperSender.send(pidFile(), SELF, Signal.SIGTERM, () -> false, sleepers));
        assertEquals("process " + SELF + " stopped being the holder of pid file " + pidFile() + " while the signal"
                + " was being sent: nothing was sent", e.getMessage());
        assertTrue(sleepers.isAlive(sleeper));
    }

    @Test
    void aSleeperFileIsReplacedWholeAndGarbageIsNoSleeper() throws Exception {
        new SleeperFile(SELF, 42, -7).write(pidFile());
        assertEquals(new SleeperFile(SELF, 42, -7), sleeperFile());
        try (var leftovers = Files.list(dir)) {
            assertEquals(List.of(SleeperFile.of(pidFile())), leftovers.toList(), "no temporary file is left");
        }
        Files.writeString(SleeperFile.of(pidFile()), "12 34\n");
        assertTrue(SleeperFile.read(pidFile()).isEmpty());
        Files.writeString(SleeperFile.of(pidFile()), "12 9999999999999999999 5\n");
        assertTrue(SleeperFile.read(pidFile()).isEmpty(), "a number beyond a long is garbage too");
    }
}
