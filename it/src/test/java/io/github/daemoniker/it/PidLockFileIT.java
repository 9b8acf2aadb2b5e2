package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.internal.PidFiles;
import io.github.daemoniker.it.fixtures.PidLockHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** PidLockFile for foreground programs, and the threading-style Daemon, in real processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class PidLockFileIT extends DaemonTestSupport {

    private Process holder(String name, String... args) throws IOException {
        return fx.start(Fixture.command(PidLockHolder.class, args), Map.of(), name);
    }

    private String output(String name) throws IOException {
        return Files.readString(fx.path(name + ".out"));
    }

    /** The probe Windows uses to learn that a pid file is held, since it cannot ask by whom. */
    @Test
    void theLockProbeSeesAnotherProcessesLockUntilThatProcessIsGone() throws Exception {
        Path pidFile = fx.path("tool.pid");
        Process holder = holder("holder", "lock", pidFile.toString(), "0", fx.path("never").toString());
        await().atMost(DEADLINE).until(() -> output("holder").contains("held"));
        assertTrue(PidFiles.isLocked(pidFile));
        assertTrue(PidFiles.isLocked(pidFile), "probing twice leaves the holder's lock alone");
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        await().atMost(DEADLINE).until(() -> !PidFiles.isLocked(pidFile));
        assertEquals(holder.pid() + "\n", Files.readString(pidFile), "a killed holder leaves its file, unlocked");
    }

    @Test
    void aSecondHolderWaitsForTheFirstOrIsToldWhoHoldsIt() throws Exception {
        Path pidFile = fx.path("tool.pid");
        Process first = holder("first", "lock", pidFile.toString(), "0", fx.path("release-first").toString());
        await().atMost(DEADLINE).until(() -> output("first").contains("held"));
        assertEquals(first.pid() + "\n", Files.readString(pidFile), "sealed with its pid");

        Process impatient = holder("impatient", "lock", pidFile.toString(), "0", fx.path("never").toString());
        assertTrue(impatient.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, impatient.exitValue());
        assertTrue(output("impatient").contains("refused: a daemon is already running (pid " + first.pid() + ")"),
                output("impatient"));

        Process patient = holder("patient", "lock", pidFile.toString(), "30000", fx.path("release-patient").toString());
        Files.writeString(fx.path("release-first"), "go\n");
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        await().atMost(DEADLINE).until(() -> output("patient").contains("held"));
        assertEquals(patient.pid() + "\n", Files.readString(pidFile));
        Files.writeString(fx.path("release-patient"), "go\n");
        assertTrue(patient.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, patient.exitValue());
        assertFalse(Files.exists(pidFile), "released: the file is gone");
    }

    @Test
    void theFileOfAKilledHolderIsTakenOver() throws Exception {
        Path pidFile = fx.path("tool.pid");
        Process killed = holder("killed", "lock", pidFile.toString(), "0", fx.path("never").toString());
        await().atMost(DEADLINE).until(() -> output("killed").contains("held"));
        killed.destroyForcibly().waitFor();
        Process next = holder("next", "lock", pidFile.toString(), "0", fx.path("release-next").toString());
        await().atMost(DEADLINE).until(() -> output("next").contains("held"));
        assertEquals(next.pid() + "\n", Files.readString(pidFile));
        Files.writeString(fx.path("release-next"), "go\n");
        assertTrue(next.waitFor(30, TimeUnit.SECONDS));
    }
}
