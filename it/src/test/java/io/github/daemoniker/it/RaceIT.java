package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Twenty original processes race to start a daemon on one pid file. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class RaceIT extends DaemonTestSupport {
    private static final int PARENTS = 20;

    @Test
    void exactlyOneDaemonWinsAndTheOthersAreToldWhoHoldsThePidFile() {
        List<CompletableFuture<Fixture.Result>> parents = new ArrayList<>();
        for (int i = 0; i < PARENTS; i++) {
            String[] settings = fx.settings("report=" + fx.path("report-" + i), "timeout=120000");
            parents.add(CompletableFuture.supplyAsync(() -> fx.run(fx.command(settings))));
        }
        List<Fixture.Result> results = parents.stream().map(CompletableFuture::join).collect(Collectors.toList());

        List<Fixture.Result> winners = results.stream().filter(r -> r.exit() == 0).collect(Collectors.toList());
        assertEquals(1, winners.size(), "exactly one parent succeeds: " + results);
        long winner = pidFromFile(fx.path("daemon.pid"));
        assertTrue(winners.get(0).stdout().contains("parent: daemon pid " + winner), winners.get(0).toString());
        for (Fixture.Result loser : results) {
            if (loser.exit() != 0) {
                assertTrue(loser.stderr().contains("a daemon is already running (pid " + winner + ")"), loser.toString());
            }
        }
        assertEquals(List.of(winner), fx.processes(), "only the winning daemon is left");
    }
}
