package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test gets its own directory and fixture, and every process it started is killed after it
 * (on Windows, every daemon it saw: {@link #leaveNothing}).
 */
abstract class DaemonTestSupport {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    Fixture fx;

    /** The pids of daemons a test saw, where they are found that way (Windows: no tag can be read from a process). */
    final List<Long> seen = new ArrayList<>();

    @BeforeEach
    void newFixture() {
        fx = new Fixture(dir);
    }

    @AfterEach
    void reapDaemons() {
        leaveNothing();
    }

    /** Every process that carries this test's tag (read through Linux's /proc) is killed, and none may stay. */
    void leaveNothing() {
        fx.reap();
        await().atMost(DEADLINE).until(() -> fx.processes().isEmpty());
    }

    /** The report the daemon wrote, once it is there. */
    Map<String, String> report() {
        Path report = fx.path("report");
        await().atMost(DEADLINE).until(() -> Files.exists(report));
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(report)) {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return values;
    }

    /**
     * Starts the signal daemon with {@code settings}, its pid file {@code daemon.pid}; returns its
     * pid once its handler is live (it said "started").
     */
    long startSignalDaemon(String... settings) {
        Fixture.Result parent = fx.run(fx.signalDaemon(settings));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        await().atMost(DEADLINE).until(() -> fx.events().contains("started"));
        return pid;
    }

    /** The start failed with status 1 and {@code sentence}, before anything ran or was written. */
    void assertRefusedBeforeAnythingStarts(Fixture.Result parent, String sentence) {
        assertEquals(1, parent.exit(), parent.toString());
        assertTrue(parent.stderr().contains(sentence), parent.toString());
        assertTrue(fx.processes().isEmpty(), "nothing started");
        assertTrue(!Files.exists(fx.path("daemon.pid")), "nothing on disk");
    }

    long pidFromFile(Path pidFile) {
        try {
            String content = Files.readString(pidFile);
            assertTrue(content.matches("[1-9][0-9]*\n"), "pid file content " + content);
            return Long.parseLong(content.strip());
        } catch (IOException e) {
            throw new AssertionError("no pid file " + pidFile, e);
        }
    }

    static void awaitGone(long pid) {
        await().atMost(DEADLINE).until(() -> !ProcInfo.alive(pid));
    }
}
