package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Logs that rotate under a daemon that never stops writing: logrotate's create mode (move the
 * file, signal, the daemon opens a new one), with every line counted.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class LogsIT extends DaemonTestSupport {

    private long startCounting(Path log) {
        return startCounting(log, "reopen=usr1");
    }

    private long startCounting(Path log, String logOption) {
        Fixture.Result parent = fx.run(fx.command(fx.settings("stdout=" + log, "stderr=" + log, logOption,
                "count=yes")));
        assertEquals(0, parent.exit(), parent.toString());
        return pidFromFile(fx.path("daemon.pid"));
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void aMovedLogIsReplacedOnTheSignalWithNoLineLostOrWrittenTwice() throws IOException {
        Path log = fx.path("app.log");
        Path rotated = fx.path("app.log.1");
        long pid = startCounting(log);
        await().atMost(DEADLINE).until(() -> lines(log) >= 200);

        Files.move(log, rotated);                       // logrotate's rename: the daemon writes on, into it
        long moved = lines(rotated);
        await().atMost(DEADLINE).until(() -> lines(rotated) > moved + 100);
        DaemonizeIT.kill("USR1", pid);
        await().atMost(DEADLINE).until(() -> lines(log) >= 200);
        long rotatedAfter = lines(rotated);
        await().atMost(DEADLINE).until(() -> lines(log) >= 400);
        assertEquals(rotatedAfter, lines(rotated), "once the new log is written, the old one rests");

        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
        List<Long> old = CountedLog.numbers(rotated);
        List<Long> fresh = CountedLog.numbers(log);
        for (int i = 0; i < old.size(); i++) {
            assertEquals(i, old.get(i), "the rotated log holds every line from the first, in order");
        }
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(old.size() + i, fresh.get(i), "the new log goes on from the next line: none lost, none twice");
        }
    }

    @Test
    void aLinkPutWhereTheLogWasIsNotFollowedAndTheDaemonSaysSoAndGoesOn() throws IOException {
        Path log = fx.path("app.log");
        Path rotated = fx.path("app.log.1");
        Path victim = Files.writeString(fx.path("victim"), "not the daemon's\n");
        long pid = startCounting(log);
        await().atMost(DEADLINE).until(() -> lines(log) >= 100);

        Files.move(log, rotated);
        Files.createSymbolicLink(log, victim);
        DaemonizeIT.kill("USR1", pid);
        await().atMost(DEADLINE).until(() -> Files.readString(rotated).contains("daemoniker: the log " + log
                + " could not be opened again ("));
        long after = lines(rotated);
        await().atMost(DEADLINE).until(() -> lines(rotated) > after + 100);
        assertEquals("not the daemon's\n", Files.readString(victim), "the file behind the link is untouched");
        assertTrue(Files.readString(rotated).contains("): the daemon goes on writing to the file it had\n"));
        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
    }

    @Test
    void theDaemonRotatesItsOwnLogBySizeKeepingThreeWithNoLineLostOrWrittenTwice() throws IOException {
        Path log = fx.path("app.log");
        long pid = startCounting(log, "rotate=8192:3");
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("app.log.3")));
        long oldestFirst = CountedLog.numbers(fx.path("app.log.3")).get(0);
        await().atMost(DEADLINE).until(() -> CountedLog.numbers(fx.path("app.log.3")).get(0) > oldestFirst);

        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
        assertFalse(Files.exists(fx.path("app.log.4")), "three kept, the oldest dropped");
        List<Path> files = List.of(fx.path("app.log.3"), fx.path("app.log.2"), fx.path("app.log.1"), log);
        assertTrue(CountedLog.contiguous(files) > 0);
        for (Path rotated : files.subList(0, 3)) {
            long size = Files.size(rotated);
            assertTrue(size >= 8192 && size < 8192 + 200_000, rotated + " was rotated near its size: " + size);
        }
    }

    @Test
    void aRotationThatWouldReplaceALinkStopsSaysSoAndTheFileBehindItIsUntouched() throws IOException {
        Path log = fx.path("app.log");
        Path victim = Files.writeString(fx.path("victim"), "not the daemon's\n");
        Files.createSymbolicLink(fx.path("app.log.2"), victim);
        long pid = startCounting(log, "rotate=8192:3");
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains("daemoniker: the log " + log
                + " is no longer rotated: "));
        assertTrue(Files.readString(log).contains(fx.path("app.log.2") + " is not a regular file, which the rotation"
                + " would have moved or replaced"), "said in the log it writes on");
        assertEquals("not the daemon's\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(fx.path("app.log.2")), "the link itself is left where it was");
        long later = lines(log);
        await().atMost(DEADLINE).until(() -> lines(log) > later + 100);
        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
        assertFalse(Files.exists(fx.path("app.log.1")), "nothing was moved");
        assertTrue(CountedLog.contiguous(List.of(log)) > 0);
    }

    /** Ready means the reopening signal is handled: one sent the moment the start returns does not end the daemon. */
    @Test
    void aReopenSignalSentTheMomentTheStartReturnsIsHandled() throws IOException {
        Path log = fx.path("app.log");
        long pid = startCounting(log);
        DaemonizeIT.kill("USR1", pid);
        long now = lines(log);
        await().atMost(DEADLINE).until(() -> lines(log) > now + 100);
        assertTrue(ProcInfo.alive(pid), "the daemon lives on");
        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
    }

    /** As logrotate: a directory other users may write could be given a planted link; no rotation there, said once. */
    @Test
    void aLogInADirectoryOtherUsersMayWriteIsNotRotatedAndTheLogSaysWhy() throws IOException {
        Path open = Files.createDirectories(fx.path("shared"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = open.resolve("app.log");
        long pid = startCounting(log, "rotate=8192:3");
        await().atMost(DEADLINE).until(() -> Files.size(log) > 3 * 8192);
        String said = "daemoniker: the log " + log + " is no longer rotated: its directory " + open + " (mode 777";
        assertTrue(Files.readString(log).contains(said), "said in the log itself");
        assertTrue(Files.readString(log).contains("can be written by other users, who could put a link where a rotated"
                + " log goes"));
        assertEquals(1, Files.readString(log).split(java.util.regex.Pattern.quote(said), -1).length - 1, "said once");
        assertFalse(Files.exists(open.resolve("app.log.1")), "nothing was rotated");
        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
    }

    /**
     * Debian's logrotate, as it is, with the snippet the tool prints: create mode and a reopening
     * signal, forced eight times under a writer that never stops; every line is in exactly one file,
     * compressed or not, none lost, none cut, none twice.
     */
    @Test
    void logrotateWithTheToolsSnippetLosesNoLineUnderAWriterThatNeverStops() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/logrotate")),
                "logrotate is not installed (Debian's logrotate; .ci/run installs it)");
        Path logs = Files.createDirectories(fx.path("logs"));
        Path log = logs.resolve("app.log");
        long pid = startCounting(log);
        Fixture.Result snippet = fx.cli("service", "logrotate", "--pid-file", fx.path("daemon.pid").toString(),
                log.toString());
        assertEquals(0, snippet.exit(), snippet.toString());
        assertTrue(snippet.stdout().contains("\n    create\n"), snippet.stdout());
        Path config = Files.writeString(fx.path("app.logrotate"), snippet.stdout());
        int rotations = 8;
        for (int i = 0; i < rotations; i++) {
            await().atMost(DEADLINE).until(() -> lines(log) >= 200);
            Fixture.Result rotate = fx.run(List.of("/usr/sbin/logrotate", "-f", "-s", fx.path("state").toString(),
                    config.toString()));
            assertEquals(0, rotate.exit(), rotate.toString());
            assertEquals("", rotate.stderr(), "logrotate found nothing to say: " + rotate);
        }
        await().atMost(DEADLINE).until(() -> lines(log) >= 200);
        DaemonizeIT.kill("TERM", pid);
        awaitGone(pid);
        List<Path> files = new java.util.ArrayList<>();
        for (int i = rotations; i >= 2; i--) {
            files.add(logs.resolve("app.log." + i + ".gz"));
        }
        files.add(logs.resolve("app.log.1"));
        files.add(log);
        for (Path file : files) {
            assertTrue(Files.exists(file), file + " in " + List.of(logs.toFile().list()));
        }
        assertTrue(CountedLog.contiguous(files) >= 200L * (rotations + 1));
    }
}
