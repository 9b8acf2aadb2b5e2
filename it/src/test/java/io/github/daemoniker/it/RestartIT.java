package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code daemoniker restart}: the daemon stopped and its user's own command run again, from the
 * daemon's /proc, in the directory its original process ran in, without what the library added;
 * refused in one sentence, the daemon left running, where that command cannot be had. And the
 * restart contract's other half: a detached daemon that asks to be started again is told nobody would.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it reads daemons through Linux's /proc")
class RestartIT extends DaemonTestSupport {

    private Path pidFile() {
        return fx.path("daemon.pid");
    }

    /** The fixture daemonized from this test's directory, with {@code settings}; its pid. */
    private long started(String... settings) {
        Fixture.Result parent = fx.run(fx.command(fx.settings(settings)));
        assertEquals(0, parent.exit(), parent.toString());
        return pidFromFile(pidFile());
    }

    @Test
    void theUsersOwnCommandRunsAgainInItsOwnDirectory() throws Exception {
        long first = started("jvm=-Dfixture.only=restarted");
        List<String> commandLine = new ProcInfo(first).commandLine();
        assertEquals(1, Collections.frequency(commandLine, "-Dfixture.only=restarted"), commandLine.toString());
        assertEquals("restarted", report().get("property"));
        Files.delete(fx.path("report"));

        // from another directory: the command runs in the one its original process ran in
        Fixture.Result restart = fx.run(Fixture.cliCommand("restart", "--pid-file", pidFile().toString()),
                java.util.Map.of(), Path.of("/"), 90);
        long second = pidFromFile(pidFile());
        assertEquals(0, restart.exit(), restart.toString());
        assertEquals("parent: daemon pid " + second + " args 7\nrestarted, pid " + second + " (was " + first + ")\n",
                restart.stdout(), "the original's own output, then the tool's");
        assertNotEquals(first, second);
        assertTrue(!ProcInfo.alive(first), "the first daemon was stopped");
        assertEquals(commandLine, new ProcInfo(second).commandLine(), "the same command line: the jvmOptions once");
        assertEquals(dir.toString(), report().get("user.dir"), "started again where it was started first");
        assertEquals("restarted", report().get("property"));
        List<String> setups = Files.readAllLines(fx.path("counter"));
        assertEquals(2, setups.size(), "the original's setup ran again: " + setups);
        assertTrue(new ProcInfo(second).environment().contains(Fixture.TAG_VARIABLE + "=" + dir), "its environment");
    }

    @Test
    void aDaemonWhoseCommandCannotBeHadIsRefusedAndLeftRunning() throws Exception {
        long stripped = started("strip=yes");
        Fixture.Result refused = fx.cli("restart", "--pid-file", pidFile().toString());
        assertEquals(1, refused.exit(), refused.toString());
        assertEquals("daemoniker: the daemon of " + pidFile() + " (pid " + stripped + ") cannot be restarted: its"
                + " program's arguments were left out of its command line (stripCmdArgs), so its command cannot be had"
                + " again; nothing was restarted\n", refused.stderr());
        assertTrue(ProcInfo.alive(stripped));
        assertEquals(stripped, pidFromFile(pidFile()));
        assertEquals(0, fx.cli("stop", "--pid-file", pidFile().toString()).exit());

        List<String> foreground = new ArrayList<>(fx.command(fx.settings("detach=NEVER")));
        Process process = fx.start(foreground, java.util.Map.of(), "foreground");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        Fixture.Result notRelaunched = fx.cli("restart", "--pid-file", pidFile().toString());
        assertEquals(1, notRelaunched.exit(), notRelaunched.toString());
        assertEquals("daemoniker: the daemon of " + pidFile() + " (pid " + process.pid() + ") cannot be restarted: it was"
                + " not relaunched by Daemoniker (a daemon in the foreground, as under systemd, one that daemoniker"
                + " start started, or one relaunched with exactRelaunch), so its command cannot be told from what was"
                + " added to it: restart it the way it was started (systemctl restart, say); nothing was restarted\n",
                notRelaunched.stderr());
        assertTrue(process.isAlive());
        process.destroy();
        process.waitFor();

        Fixture.Result none = fx.cli("restart", "--pid-file", pidFile().toString());
        assertEquals(1, none.exit(), none.toString());
        assertEquals("daemoniker: pid file " + pidFile() + " does not exist: the daemon is not running, or uses another"
                + " pid file; nothing was restarted\n", none.stderr());
    }

    /** A detached daemon has no supervisor to start it again: exitToRestart says so and it goes on. */
    @Test
    void aDetachedDaemonThatAsksToBeStartedAgainIsToldNobodyWould() throws Exception {
        long pid = started("restart-on=" + fx.path("again"));
        Files.writeString(fx.path("again"), "again\n");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report.restart")));
        assertEquals("exitToRestart false\n", Files.readString(fx.path("report.restart")));
        assertTrue(ProcInfo.alive(pid));
    }
}
