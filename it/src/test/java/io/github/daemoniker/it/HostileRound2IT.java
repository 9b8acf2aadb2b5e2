package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.it.fixtures.SelfSender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * "Never touch what is not ours", round 2: hard links, stops and sends that decide before they
 * act, pid files of other users, starts cut off at any moment. Every case runs real processes and
 * looks at them and at the files from outside.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class HostileRound2IT extends HostileTestSupport {

    private long startSleeper() throws IOException {
        Process sleeper = fx.start(List.of("sleep", "60"), Map.of(), "sleeper");
        return sleeper.pid();
    }

    // ---- hard links

    @Test
    void aPidFileThatIsAHardLinkToAnotherFileIsRefusedByEveryoneAndThatFileKeepsItsBytes() throws Exception {
        Path other = Files.createFile(fx.path("other.conf"));
        Files.createLink(pidFile(), other);
        String said = "pid file " + pidFile() + " is a file with 2 names (a hard link), not a file of its own";
        assertFailed(daemonize(), said + ": Daemoniker never writes into a file that has another name; choose another"
                + " path");
        assertFailed(cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "60"), said);
        Fixture.Result status = cli("status", "--pid-file", pidFile().toString());
        assertEquals(4, status.exit(), status.toString());
        assertTrue(status.stdout().contains("is a file with 2 names (a hard link)"), status.toString());
        assertFailed(cli("stop", "--pid-file", pidFile().toString()), "is a file with 2 names (a hard link)");
        assertNothingLeft();
        assertEquals(0, Files.size(other), "the other file was never written");
        assertTrue(Files.exists(pidFile()), "nor removed");
    }

    // ---- stop and send decide before they act

    @Test
    void stopRefusesAtOnceAnUnlockedPidFileOfALiveProcessAndSaysNothingWasSent() throws Exception {
        long sleeper = startSleeper();
        Files.writeString(pidFile(), sleeper + "\n");
        long began = System.nanoTime();
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString(), "--timeout", "20s");
        long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        assertFailed(stop, "names pid " + sleeper + ", which is running but does not hold the file's lock");
        assertTrue(stop.stderr().contains("nothing was sent; if a tool wrote it without a lock (start-stop-daemon,"
                + " python-daemon), trust it with --unlocked"), stop.toString());
        assertFalse(stop.stderr().contains("still running"), "no claim of a signal it never sent: " + stop);
        assertTrue(seconds < 15, "refused at once, not after the timeout: " + seconds + " s");
        assertTrue(ProcInfo.alive(sleeper), "the unrelated process was not signalled");
        assertEquals(sleeper + "\n", Files.readString(pidFile()), "the file is left as it was");

        assertEquals(4, cli("status", "--pid-file", pidFile().toString()).exit(), "not a pid file it can trust");
        Fixture.Result status = cli("status", "--pid-file", pidFile().toString(), "--unlocked");
        assertEquals(0, status.exit(), "status --unlocked trusts it as send and stop do: " + status);
        assertTrue(status.stdout().startsWith("running, pid " + sleeper), status.toString());
        Fixture.Result trusted = cli("stop", "--pid-file", pidFile().toString(), "--unlocked");
        assertEquals(0, trusted.exit(), trusted.toString());
        assertEquals("stopped, pid " + sleeper + "\n", trusted.stdout());
        assertFalse(Files.exists(pidFile()));
    }

    @Test
    void stopRefusesAtOnceAFileLockedByAProgramOtherThanThePidItNames() throws Exception {
        long named = startSleeper();
        Files.writeString(pidFile(), named + "\n");
        // python's lockf takes a POSIX record lock, as many tools' pid files are locked
        Process holder = fx.start(List.of("python3", "-c", "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)", pidFile().toString()),
                Map.of(), "holder");
        await().atMost(DEADLINE).until(() -> Files.readString(Path.of("/proc/locks")).contains(" " + holder.pid() + " "));
        long began = System.nanoTime();
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString(), "--timeout", "20s", "--kill");
        assertFailed(stop, "names pid " + named + " but is locked by pid " + holder.pid() + ": it is not that"
                + " daemon's; nothing was sent");
        assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 15, "refused at once");
        assertTrue(ProcInfo.alive(named) && holder.isAlive(), "neither process was signalled");
    }

    @Test
    void aStalePidFileWithoutItsNewlineIsRemovedWhenStopSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidFile(), Long.toString(gone.pid()));
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.stdout().startsWith("not running: removed the stale pid file " + pidFile()), stop.toString());
        assertFalse(Files.exists(pidFile()), "the message and the disk agree");
    }

    @Test
    void anEmptyUnlockedPidFileIsNotRunningAndTheNextStartTakesItOver() throws Exception {
        Files.createFile(pidFile());
        Fixture.Result status = cli("status", "--pid-file", pidFile().toString());
        assertEquals(3, status.exit(), status.toString());
        assertTrue(status.stdout().contains("is empty and nobody holds it: no daemon runs on it"), status.toString());
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.stdout().startsWith("not running: pid file " + pidFile() + " is empty"), stop.toString());
        Fixture.Result start = daemonize();
        assertEquals(0, start.exit(), start.toString());
        assertTrue(ProcInfo.alive(pidFromFile(pidFile())));
    }

    /** A file of /proc says it has 0 bytes and holds some: it is not an empty pid file. */
    @Test
    void aProcFileIsNotTakenForAnEmptyPidFile() {
        Fixture.Result status = cli("status", "--pid-file", "/proc/self/status");
        assertEquals(4, status.exit(), status.toString());
        assertTrue(status.stdout().contains("does not hold a pid (it holds 'Name:"), status.toString());
    }

    @Test
    void aProcessNeverSignalsItselfThroughAPidFileItLocksAndKeepsItsOwnLock() {
        Fixture.Result posix = run(Fixture.command(SelfSender.class, "posix", pidFile().toString()));
        assertEquals(0, posix.exit(), "not ended by its own SIGTERM: " + posix);
        String refused = "refused: pid file " + pidFile() + " is held by this very process (pid ";
        assertEquals(2, posix.stdout().split(java.util.regex.Pattern.quote(refused), -1).length - 1, posix.toString());
        assertTrue(posix.stdout().contains("lock kept"), "reading the file dropped the caller's own lock: " + posix);

        Path other = fx.path("library.pid");
        Fixture.Result library = run(Fixture.command(SelfSender.class, "library", other.toString()));
        assertEquals(0, library.exit(), library.toString());
        assertTrue(library.stdout().contains("refused: pid file " + other + " is held by this very process"),
                library.toString());
        assertTrue(library.stdout().lines().noneMatch("sent"::equals), library.toString());
    }

    // ---- other users

    @Test
    @NeedsRoot
    void aPidFileThatAnotherUserCreatedIsRefusedAndLeftAsItWas() throws Exception {
        Files.createFile(pidFile());
        assertEquals(0, fx.run(List.of("chown", "65534:65534", pidFile().toString())).exit());
        assertFailed(daemonize(), "pid file " + pidFile() + " belongs to another user (uid 65534), who could rewrite"
                + " it at any time");
        assertFailed(cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "60"), "belongs to another user");
        assertNothingLeft();
        assertEquals(0, Files.size(pidFile()));
        assertEquals("nobody", Files.getOwner(pidFile()).getName());
    }

    @Test
    @NeedsRoot
    void anotherUsersSendOrStopOnRootsDaemonIsToldItMayNotSignalIt() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "60");
        assertEquals(0, start.exit(), start.toString());
        long pid = pidFromFile(pidFile());
        for (String verb : new String[] {"send", "stop"}) {
            List<String> command = new ArrayList<>(List.of(verb, "--pid-file", pidFile().toString()));
            if (verb.equals("send")) {
                command.add("TERM");
            }
            Fixture.Result result = run(Fixture.asNobody(Fixture.cliCommand(command.toArray(String[]::new))));
            assertFailed(result, "names pid " + pid + ", which runs as another user whom this user may not look at"
                    + " or signal: run this as that user, or as root; nothing was sent");
        }
        assertTrue(ProcInfo.alive(pid));
    }

    @Test
    @NeedsRoot
    void aReadOnlyBindMountIsCalledReadOnly() throws Exception {
        Path readOnly = Files.createDirectories(fx.path("ro"));
        Files.writeString(readOnly.resolve("old.pid"), "");
        String script = "mount --bind " + q(readOnly) + " " + q(readOnly) + " && mount -o remount,bind,ro "
                + q(readOnly) + " && ";
        Fixture.Result created = run(inMountNamespace(script + shell(fx.command(fx.settings("pidfile="
                + readOnly.resolve("d.pid"))))));
        assertFailed(created, "pid file " + readOnly.resolve("d.pid") + " cannot be created: directory " + readOnly
                + " is on a read-only file system");
        Fixture.Result existing = run(inMountNamespace(script + shell(fx.command(fx.settings("pidfile="
                + readOnly.resolve("old.pid"))))));
        assertFailed(existing, "its file system is read-only");
        assertNothingLeft();
    }

    // ---- a start cut off at any moment

    /**
     * {@code daemoniker start} killed at two moments — as soon as its pid file is locked, and as
     * soon as the program runs — leaves either nothing running or the program with its pid written
     * in a file that status and stop use.
     */
    @Test
    void aStartKilledAtAnyMomentLeavesAWholeDaemonOrNothing() throws Exception {
        for (int round = 0; round < 6; round++) {
            Path pidFile = fx.path("cut-" + round + ".pid");
            boolean atLock = round % 2 == 0;
            Process start = fx.start(Fixture.cliCommand("start", "--pid-file", pidFile.toString(), "--", "sleep",
                    "300"), Map.of(), "start-" + round);
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(1)).until(() -> atLock ? Files.exists(pidFile)
                    : sleepers().size() > 0 || !start.isAlive());
            start.destroyForcibly();   // SIGKILL, through the handle: its pid cannot have been reused
            start.waitFor();
            // settled: nothing of the start left, or only the program, its pid written
            await().atMost(DEADLINE).until(() -> {
                List<Long> all = fx.processes();
                return all.isEmpty() || all.equals(sleepers()) && Files.size(pidFile) > 0;
            });
            List<Long> running = sleepers();
            Fixture.Result status = cli("status", "--pid-file", pidFile.toString());
            if (running.isEmpty()) {
                assertEquals(3, status.exit(), "round " + round + ": nothing runs, so not running: " + status);
            } else {
                assertEquals(List.of(pidFromFile(pidFile)), running, "round " + round + ": the program's pid is written");
                assertEquals(0, status.exit(), "round " + round + ": " + status);
                Fixture.Result stop = cli("stop", "--pid-file", pidFile.toString());
                assertEquals(0, stop.exit(), stop.toString());
                assertFalse(Files.exists(pidFile));
            }
            await().atMost(DEADLINE).until(() -> sleepers().isEmpty());
        }
    }

    /** The test's own {@code sleep 300} programs (started by their absolute path). */
    private List<Long> sleepers() {
        return fx.processes().stream().filter(pid -> {
            try {
                return Files.readString(Path.of("/proc/" + pid + "/cmdline")).endsWith("/sleep\0" + "300\0");
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aProgramThatIsAShellCommandIsNotTakenForTheRelaunchingShell() {
        long began = System.nanoTime();
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--", "/bin/sh", "-c", "sleep 60; true");
        assertEquals(0, start.exit(), start.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - began).toMillis() < 4_500,
                "not held for the 5 s a relaunching shell is waited for");
        Fixture.Result quick = cli("start", "--pid-file", fx.path("q.pid").toString(), "--", "/bin/sh", "-c", "exit 3");
        assertFailed(quick, "the program /bin/sh exited at once");
    }

    /** The JDK's own launch helper gone (a JDK moved or upgraded under a running program) is named as such. */
    @Test
    void aJdkWhoseLaunchHelperIsGoneIsNamedNotSetsid() throws Exception {
        Path jdk = fx.path("jdk");
        Fixture.Result copy = fx.run(List.of("cp", "-al", System.getProperty("java.home"), jdk.toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(copy.exit() == 0, "the JDK cannot be hard-linked into the test"
                + " directory (another file system): " + copy);
        Files.delete(jdk.resolve("lib/jspawnhelper"));
        List<String> command = new ArrayList<>(fx.command(fx.settings()));
        command.set(0, jdk.resolve("bin/java").toString());
        assertFailed(run(command), "the daemon could not be started: this JVM's own helper " + jdk.resolve(
                "lib/jspawnhelper") + " is gone (was the JDK moved, upgraded or removed while the program ran?)");
        assertNothingLeft();
        assertFalse(Files.exists(pidFile()));
    }

    /**
     * A daemon that loads JNA only after ready, whose JNA could not unpack its code anywhere that
     * runs it — a noexec jna.tmpdir; a user with no usable home and a noexec temporary directory —
     * is refused before it is started, never reported started and then dead.
     */
    @Test
    @NeedsRoot
    void aNativeLayerThatWouldNotLoadAfterReadyIsRefusedBeforeTheStart() throws Exception {
        Path noexec = Files.createDirectories(fx.path("noexec"));
        String mount = "mount -t tmpfs -o noexec tmpfs " + q(noexec) + " && chmod 1777 " + q(noexec) + " && ";
        List<String> given = new ArrayList<>(fx.command(fx.settings()));
        given.add(1, "-Djna.tmpdir=" + noexec);
        List<String> homeless = new ArrayList<>(fx.command(fx.settings("pidfile=" + noexec.resolve("n.pid"),
                "report=" + noexec.resolve("report"), "counter=" + noexec.resolve("counter"))));
        homeless.set(homeless.indexOf("-cp") + 1, String.join(java.io.File.pathSeparator, fx.readableClassPath()));
        homeless.add(1, "-Djava.io.tmpdir=" + noexec);
        homeless.add(1, "-Duser.home=/nonexistent");
        for (List<String> command : List.of(given, Fixture.asNobody(homeless))) {
            Fixture.Result result = run(inMountNamespace(mount + shell(command)));
            assertFailed(result, "Daemoniker's native layer (JNA) would not load in the daemon: it unpacks its code into "
                    + noexec + ", where this system lets no code run (a noexec mount); give JNA a directory that allows"
                    + " it with -Djna.tmpdir=DIR");
            assertNothingLeft();
        }
        assertFalse(Files.exists(pidFile()));
    }
}
