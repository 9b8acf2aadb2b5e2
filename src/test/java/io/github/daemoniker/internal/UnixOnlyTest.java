package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Daemoniker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What only Unix has is refused elsewhere up front, in one sentence, before anything is written. */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "Unix has all of it")
class UnixOnlyTest {

    @Test
    void unixOptionsAreRefusedBeforeAnythingElse(@TempDir Path dir) {
        for (DaemonOptions options : List.of(DaemonOptions.builder().user("nobody").build(),
                DaemonOptions.builder().group("nogroup").build(),
                DaemonOptions.builder().chrootDirectory(dir).build())) {
            DaemonikerException e = assertThrows(DaemonikerException.class,
                    () -> PlanChecks.check(DaemonPlan.resolve(dir.resolve("app.pid"), options)));
            assertEquals("DaemonOptions.user, group, chrootDirectory and listen are Unix options: leave them unset on "
                    + System.getProperty("os.name"), e.getMessage());
        }
        assertEquals(0, dir.toFile().list().length, "nothing was written");
    }

    @Test
    void startingAnotherProgramIsRefusedBeforeItsPidFileIsTouched(@TempDir Path dir) {
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> Daemoniker.startProgram(
                dir.resolve("app.pid"), DaemonOptions.defaults(), List.of("cmd.exe")));
        assertTrue(e.getMessage().startsWith("starting another program as a daemon is not available on "),
                e.getMessage());
        assertEquals(0, dir.toFile().list().length, "nothing was written");
    }
}
