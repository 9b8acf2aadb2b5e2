package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the hostile-input tests share: runs that may not hang (past {@link #QUICK} seconds they
 * fail), the command line and the fixture as an attacker or a careless operator would start them,
 * shell quoting, and namespaces whose mounts vanish with them.
 */
abstract class HostileTestSupport extends DaemonTestSupport {
    static final int QUICK = 25;

    Path pidFile() {
        return fx.path("daemon.pid");
    }

    Fixture.Result run(List<String> command) {
        return fx.run(command, Map.of(), dir, QUICK);
    }

    Fixture.Result cli(String... args) {
        return run(Fixture.cliCommand(args));
    }

    Fixture.Result daemonize(String... settings) {
        List<String> all = new ArrayList<>(Arrays.asList(fx.settings(settings)));
        return run(fx.command(all.toArray(new String[0])));
    }

    static void assertFailed(Fixture.Result result, String expected) {
        assertNotEquals(0, result.exit(), result.toString());
        assertTrue(result.stderr().contains(expected), "expected '" + expected + "' in\n" + result);
    }

    void assertNothingLeft() {
        assertTrue(fx.processes().isEmpty(), "a process was left running: " + fx.processes());
    }

    static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    /** bash: dash cannot redirect descriptors above 9. */
    static List<String> bash(String script) {
        return List.of("bash", "-c", script);
    }

    /** Quoted for sh. */
    static String q(Object text) {
        return "'" + text.toString().replace("'", "'\\''") + "'";
    }

    static String shell(List<String> command) {
        return String.join(" ", command.stream().map(HostileTestSupport::q).toList());
    }

    /** {@code script} in a mount namespace of its own: its mounts vanish with it. */
    static List<String> inMountNamespace(String script) {
        return List.of("unshare", "--mount", "sh", "-c", script);
    }
}
