package io.github.daemoniker.unix;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.internal.DaemonPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class RelaunchScriptTest {

    /**
     * The JDK's launch opens the shell's pipes again through /proc while the shell probes env; a
     * descriptor redirected for the probe in that moment would give it /dev/null instead (a daemon's
     * startup output lost, its launcher killed by SIGPIPE). A fake env on PATH holds the probe open
     * until the shell's descriptors have been looked at from outside.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theShellsStandardStreamsStayItsPipesWhileItProbesEnv(@TempDir Path dir) throws Exception {
        Path release = dir.resolve("release");
        assertEquals(0, new ProcessBuilder("mkfifo", release.toString()).start().waitFor());
        Path probing = dir.resolve("probing");
        Path fakeEnv = dir.resolve("env");
        Files.writeString(fakeEnv, "#!/bin/sh\n"
                + "if [ \"$2\" = true ]; then : > '" + probing + "'; read -r _ < '" + release + "'; exit 0; fi\n"
                + "exec /usr/bin/env \"$@\"\n");
        Files.setPosixFilePermissions(fakeEnv, PosixFilePermissions.fromString("rwx------"));
        DaemonPlan plan = DaemonPlan.resolve(dir.resolve("a.pid"), DaemonOptions.defaults());
        ProcessBuilder builder = new ProcessBuilder(RelaunchScript.SHELL, "-c",
                RelaunchScript.script(plan, JdkLauncher.GATE, "", "", ""), "daemoniker", "22", "/dev/null",
                "/dev/null", "/dev/null", "/bin/true");
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process shell = builder.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(probing));
            for (int fd = 0; fd <= 2; fd++) {
                Path link = Files.readSymbolicLink(Path.of("/proc", Long.toString(shell.pid()), "fd",
                        Integer.toString(fd)));
                assertTrue(link.toString().startsWith("pipe:["), "fd " + fd + " during the probe: " + link);
            }
            try (OutputStream out = Files.newOutputStream(release)) {
                out.write('\n');
            }
            shell.getOutputStream().write('\n');
            shell.getOutputStream().close();
            assertTrue(shell.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, shell.exitValue(), new String(shell.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } finally {
            shell.destroyForcibly();
        }
    }
}
