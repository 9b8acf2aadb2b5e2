package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.it.fixtures.StressParent;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Many daemonizations from one original process under heavy allocation and GC: zero hangs,
 * zero failures. The count is {@code daemoniker.stress.count}: 40 in the ordinary build, 1,000
 * with {@code -Pstress}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class StressIT extends DaemonTestSupport {

    @Test
    void everyDaemonizationUnderGcPressureSucceeds() {
        int count = Integer.getInteger("daemoniker.stress.count", 40);
        // a daemonization is a JVM's start, ~0.2 s here: 1,000 of them take minutes, not the usual 90 s
        Fixture.Result result = fx.run(List.of(Fixture.java(), "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-cp", String.join(File.pathSeparator, Fixture.classPath()), StressParent.class.getName(),
                dir.toString(), Integer.toString(count), "256"), java.util.Map.of(), dir, Math.max(90, count / 2));
        assertEquals(0, result.exit(), result.toString());
        String summary = result.stdout().lines().filter(l -> l.startsWith("stress:")).findFirst().orElseThrow();
        System.out.println(summary);
        assertTrue(summary.startsWith("stress: " + count + " ok, 0 failed"), result.toString());
    }
}
