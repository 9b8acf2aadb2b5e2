package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThisProcessTest {

    @Test
    void isThePidTheJdkKnows() {
        assertEquals(ProcessHandle.current().pid(), ThisProcess.pid());
    }

    /**
     * In a new PID namespace whose /proc is still the outer one, /proc/self names the outer pid; the
     * pid written in a pid file must be the process's own (1 here), as getpid() says.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void isThePidInTheProcesssOwnNamespaceWhateverProcIsMounted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "util-linux's unshare");
        Process process = new ProcessBuilder("/usr/bin/unshare", "--pid", "--fork",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator, Shows.class.getName())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = process.waitFor();
        assumeTrue(!said.startsWith("unshare:"), "PID namespaces are not allowed here: " + said);
        assertEquals(0, status, said);
        assertEquals(List.of("1", "1"), List.of(said.split(" ")), said);
    }

    /** Prints what ThisProcess and the JDK say. */
    public static final class Shows {
        public static void main(String[] args) {
            System.out.println(ThisProcess.pid() + " " + ProcessHandle.current().pid());
        }
    }
}
