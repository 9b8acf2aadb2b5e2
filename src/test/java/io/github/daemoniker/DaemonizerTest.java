package io.github.daemoniker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The try-block rules, in the original process; nothing here gets as far as starting a daemon. */
class DaemonizerTest {

    @Test
    void thisProcessIsTheOriginalOne() {
        try (Daemonizer daemonizer = new Daemonizer()) {
            assertTrue(daemonizer.isSetup());
        }
    }

    @Test
    void daemonizeIsCalledOncePerDaemonizer(@TempDir Path dir) {
        Daemonizer daemonizer = new Daemonizer();
        Path pidFile = dir.resolve("missing/app.pid");
        DaemonizeException first = assertThrows(DaemonizeException.class, () -> daemonizer.daemonize(pidFile));
        assertTrue(first.getMessage().startsWith("the directory of pid file"), first.getMessage());
        IllegalStateException second = assertThrows(IllegalStateException.class, () -> daemonizer.daemonize(pidFile));
        assertEquals("daemonize was already called on this Daemonizer: call it once per Daemonizer",
                second.getMessage());
        daemonizer.close();
    }

    @Test
    void daemonizeAfterCloseIsAnError(@TempDir Path dir) {
        Daemonizer daemonizer = new Daemonizer();
        daemonizer.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> daemonizer.daemonize(dir.resolve("app.pid")));
        assertEquals("daemonize was called after its Daemonizer was closed: call it inside the try block",
                e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = {org.junit.jupiter.api.condition.OS.LINUX,
        org.junit.jupiter.api.condition.OS.MAC}, disabledReason = "both options are Unix's")
    void logsReopenedInAChrootAreRefusedBeforeAnythingStarts(@TempDir Path dir) {
        DaemonOptions options = DaemonOptions.builder().stdout(dir.resolve("app.log")).reopenLogsOn(Signal.SIGUSR1)
                .chrootDirectory(dir).build();
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> new Daemonizer().daemonize(dir.resolve("app.pid"), options));
        assertEquals("DaemonOptions.reopenLogsOn cannot be used with chrootDirectory: the logs' paths are outside the"
                + " daemon's new root, where it could not find them again", e.getMessage());
        assertEquals(0, dir.toFile().list().length, "nothing was written");
    }

    @Test
    void aRotationWithoutALogIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        DaemonOptions options = DaemonOptions.builder().rotateLogs(1 << 20, 3).build();
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> new Daemonizer().daemonize(dir.resolve("app.pid"), options));
        assertEquals("DaemonOptions.rotateLogs needs a log: set stdout or stderr to a file", e.getMessage());
        assertEquals(0, dir.toFile().list().length, "nothing was written");
    }

    @Test
    void anArgumentThatCannotTravelFailsBeforeAnythingStarts(@TempDir Path dir) {
        Daemonizer daemonizer = new Daemonizer();
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> daemonizer.daemonize(dir.resolve("app.pid"), "fine", new Object() {
                    final Thread busy = new Thread("busy");
                }));
        assertTrue(e.getMessage().matches("argument 1 \\(io\\.github\\.daemoniker\\.DaemonizerTest\\$\\d+\\) cannot be handed to"
                + " the daemon: it holds a java\\.lang\\.Thread, which belongs to this process and cannot be copied; pass"
                + " plain data \\(strings, numbers, records, collections\\) instead"), e.getMessage());
        assertEquals(0, dir.toFile().list().length, "nothing was written");
    }
}
