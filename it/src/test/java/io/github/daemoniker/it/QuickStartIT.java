package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The README's Quick start as a new user meets it: its code is examples/QuickStart.java, word for
 * word, and its commands run as written, by an unprivileged user, on the JDK running this suite
 * (CI runs it on 17 and on 25), with not one warning printed.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class QuickStartIT extends DaemonTestSupport {
    private static final Path REPOSITORY = Fixture.BUILD.getParent();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /** The README's command as a normal user: nobody when the suite runs as root, as CI does. */
    private Fixture.Result asUser(String command, Map<String, String> environment, Path directory) {
        List<String> shell = List.of("bash", "-c", command);
        return fx.run(ROOT ? Fixture.asNobody(shell) : shell, environment, directory, 90);
    }

    /** The lines of the first block of {@code language} after the Quick start heading, and after {@code after}. */
    private static List<String> block(List<String> readme, String language, int after) {
        int start = readme.subList(after, readme.size()).indexOf("```" + language) + after + 1;
        assertTrue(start > after, "a ```" + language + " block in the Quick start");
        return readme.subList(start, readme.subList(start, readme.size()).indexOf("```") + start);
    }

    @Test
    void theQuickStartIsAFileThatRunsAsCopiedByANormalUserWithoutAWarning() throws IOException {
        List<String> readme = Files.readAllLines(REPOSITORY.resolve("README.md"));
        int section = readme.indexOf("## Quick start");
        List<String> code = block(readme, "java", section);
        Path example = REPOSITORY.resolve("examples/QuickStart.java");
        assertEquals(Files.readAllLines(example), code, "the README shows examples/QuickStart.java as it is");
        List<String> commands = block(readme, "sh", section + readme.subList(section, readme.size()).indexOf("```java"));
        assertEquals(3, commands.size(), commands.toString());

        // what the README's commands need from a built clone, owned by the user who runs them
        Path clone = Files.createDirectories(fx.path("clone"));
        Files.createDirectories(clone.resolve("examples"));
        Files.createDirectories(clone.resolve("target"));
        Files.copy(example, clone.resolve("examples/QuickStart.java"));
        Files.copy(Fixture.BUILD.resolve("daemoniker-cli.jar"), clone.resolve("target/daemoniker-cli.jar"));
        Files.copy(REPOSITORY.resolve("daemoniker"), clone.resolve("daemoniker"), StandardCopyOption.COPY_ATTRIBUTES);
        if (ROOT) {
            Files.setPosixFilePermissions(fx.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertEquals(0, fx.run(List.of("chown", "-R", "65534:65534", clone.toString())).exit());
        }
        Map<String, String> user = Map.of("HOME", clone.toString(),
                "PATH", Path.of(Fixture.java()).getParent() + ":/usr/bin:/bin");

        Fixture.Result started = asUser(commands.get(0), user, clone);
        assertEquals(0, started.exit(), started.toString());
        long pid = pidFromFile(clone.resolve("app.pid"));
        assertEquals("started, pid " + pid + "\n", started.stdout(), started.toString());
        assertEquals("", started.stderr(), "not a warning: " + started);
        assertFalse(new ProcInfo(pid).status("Uid").startsWith("0\t"), "the daemon is the user's, not root's");
        Path log = clone.resolve("app.log");
        await().atMost(DEADLINE).until(() -> Files.readString(log).lines().filter(l -> l.endsWith(" hello")).count() >= 2);

        Fixture.Result status = asUser(commands.get(1), user, clone);
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.stdout().startsWith("running, pid " + pid + ", since "), status.toString());
        Fixture.Result stop = asUser(commands.get(2), user, clone);
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals("stopped, pid " + pid + "\n", stop.stdout(), stop.toString());
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(clone.resolve("app.pid")), "the pid file went with the daemon");
        assertTrue(Files.readString(log).lines().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d hello")),
                "the daemon's log holds its lines and not a warning: " + Files.readString(log));
    }
}
