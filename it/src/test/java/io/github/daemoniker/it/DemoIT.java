package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The README's first command, exactly as written, from a clean copy of the repository. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class DemoIT extends DaemonTestSupport {
    private static final Path REPOSITORY = Fixture.BUILD.getParent();

    /** The first line of the README's first shell block. */
    private static String firstCommand() throws IOException {
        List<String> lines = Files.readAllLines(REPOSITORY.resolve("README.md"));
        return lines.get(lines.indexOf("```sh") + 1);
    }

    /** Every file git tracks, copied with its permissions: what a fresh clone has. */
    private Path cleanCopy() throws IOException {
        Fixture.Result files = fx.run(List.of("git", "ls-files", "-z"), Map.of(), REPOSITORY, 60);
        assertEquals(0, files.exit(), files.toString());
        Path copy = Files.createDirectory(fx.path("repository"));
        for (String file : files.stdout().split("\0")) {
            if (file.isEmpty() || !Files.exists(REPOSITORY.resolve(file))) {
                continue;
            }
            Path target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(REPOSITORY.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    @Test
    void theFirstCommandStartsTheDemoDaemonWhichBeatsReloadsAndStops() throws IOException {
        String command = firstCommand();
        assertEquals("./demo.sh", command, "the README's first command");
        Path copy = cleanCopy();
        assertFalse(Files.exists(copy.resolve("target")), "the copy starts unbuilt");

        Fixture.Result demo = fx.run(List.of("bash", "-c", command), Map.of(), copy, 600);
        assertEquals(0, demo.exit(), demo.toString());
        Path pidFile = copy.resolve("demo-run/heartbeat.pid");
        Path log = copy.resolve("demo-run/heartbeat.log");
        long pid = pidFromFile(pidFile);
        assertTrue(demo.stdout().contains("Heartbeat daemon started, pid " + pid), demo.toString());
        assertTrue(demo.stdout().contains("pid file: " + pidFile), demo.toString());
        assertTrue(demo.stdout().contains("log:      " + log), demo.toString());
        assertTrue(demo.stdout().contains("stop:     ./daemoniker stop --pid-file " + pidFile), demo.toString());
        assertTrue(demo.stderr().startsWith("Building "), "the first command builds through ./daemoniker: " + demo);
        assertFalse(demo.stdout().contains("java -jar"), "the commands it shows are the README's: " + demo);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(log).lines().filter(l -> l.endsWith(" heartbeat")).count() >= 2);
        Fixture.Result reload = fx.run(List.of("./daemoniker", "send", "--pid-file", pidFile.toString(), "HUP"),
                Map.of(), copy, 60);
        assertEquals(0, reload.exit(), reload.toString());
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains("reloaded on SIGHUP"));

        Fixture.Result again = fx.run(List.of("bash", "-c", command), Map.of(), copy, 120);
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.stderr().startsWith("demo: a daemon is already running (pid " + pid + ") with pid file "
                + pidFile + ": stop it first"), again.toString());
        assertEquals(1, again.stderr().lines().count(), "one line, no stack trace: " + again);

        Fixture.Result stop = fx.run(List.of("./daemoniker", "stop", "--pid-file", pidFile.toString()),
                Map.of(), copy, 60);
        assertEquals(0, stop.exit(), stop.toString());
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(pidFile));
        assertTrue(Files.readString(log).contains("stopping on SIGTERM"));
        assertTrue(Files.readString(log).strip().endsWith(" stopped"), Files.readString(log));
    }
}
