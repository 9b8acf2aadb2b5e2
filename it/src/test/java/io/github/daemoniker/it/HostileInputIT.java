package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.it.fixtures.UnlockedSender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * "Never touch what is not ours", tried as a hostile user and a careless operator would: files
 * that are not pid files, links, FIFOs and devices at the pid file's path, full and read-only file
 * systems, programs that fork away, races between starts and stops. Every case runs real
 * processes; nothing here may hang (a run past {@link #QUICK} seconds fails), and every failure
 * leaves no process and no file that was not there before.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class HostileInputIT extends HostileTestSupport {
    private Path mkfifo(String name) throws Exception {
        Path fifo = fx.path(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        return fifo;
    }

    private long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    // ---- files that are not ours

    @Test
    void startRefusesAFileThatIsNotAPidFileAndStopAndStatusLeaveItByteForByte() throws Exception {
        byte[] precious = "hello\nworld\n".getBytes(StandardCharsets.UTF_8);
        Files.write(pidFile(), precious);
        assertFailed(cli("start", "--pid-file", pidFile().toString(), "--", "sleep", "60"),
                "pid file " + pidFile() + " already exists and is not a pid file (it holds 'hello...', 12 bytes)");
        assertNothingLeft();
        assertFailed(cli("stop", "--pid-file", pidFile().toString()), "does not hold a pid (it holds 'hello...')");
        assertEquals(4, cli("status", "--pid-file", pidFile().toString()).exit());
        assertArrayEquals(precious, Files.readAllBytes(pidFile()));
    }

    @Test
    void stopNeverRemovesAFileThatOnlyBeginsWithADeadPid() throws Exception {
        byte[] precious = (deadPid() + "\nimportant data\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(pidFile(), precious);
        assertFailed(cli("stop", "--pid-file", pidFile().toString()), "does not hold a pid");
        assertArrayEquals(precious, Files.readAllBytes(pidFile()));
        // a real stale pid file is removed
        Files.writeString(fx.path("stale.pid"), deadPid() + "\n");
        Fixture.Result stale = cli("stop", "--pid-file", fx.path("stale.pid").toString());
        assertEquals(0, stale.exit(), stale.toString());
        assertFalse(Files.exists(fx.path("stale.pid")));
    }

    @Test
    void aPidFileSwappedForALinkWhileAProgramStartsIsNeverWrittenThrough() throws Exception {
        Path precious = Files.writeString(fx.path("precious"), "root's data\n");
        String program = "rm -f " + q(pidFile()) + "; ln -s " + q(precious) + " " + q(pidFile()) + "; exec sleep 60";
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--", "sh", "-c", program);
        assertFailed(start, "pid file " + pidFile() + " was removed or replaced while the program started");
        assertEquals("root's data\n", Files.readString(precious));
        assertNothingLeft();
    }

    @Test
    @NeedsRoot
    void sendUnlockedNeverSignalsInitItselfOrItsParent() {
        // in a PID namespace: whatever went wrong could reach only the namespace's own processes
        // init is the outer shell, the sender's parent the inner one
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "sh", "-c",
                "sh -c " + q(shell(Fixture.command(UnlockedSender.class, dir.toString())) + "; true") + "; echo done"));
        Fixture.Result result = run(command);
        assertEquals(0, result.exit(), result.toString());
        for (String who : new String[] {"init: pid file " + fx.path("init.pid") + " names pid 1, which is init (pid 1)",
            "self: pid file " + fx.path("self.pid") + " names pid ", "parent: pid file " + fx.path("parent.pid")}) {
            assertTrue(result.stdout().contains(who), who + " in " + result);
        }
        assertTrue(result.stdout().contains("which is this very process, never a daemon to signal through a pid"
                + " file; nothing was sent"), result.toString());
        assertTrue(result.stdout().contains("which is this process's parent"), result.toString());
        assertTrue(result.stdout().contains("done"), "the namespace's init was not signalled: " + result);
        assertFalse(result.stdout().contains(": sent"), result.toString());
    }

    @Test
    void aLogThatIsThePidFileIsRefusedHoweverItIsSpelled() throws IOException {
        Files.createDirectories(fx.path("sub"));
        assertFailed(daemonize("stdout=" + pidFile()), "the daemon's stdout log " + pidFile() + " is the pid file");
        assertFailed(daemonize("stderr=" + fx.path("sub/../daemon.pid")), "is the pid file: give the log its own path");
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    // ---- two daemons

    @Test
    void aDaemonReadingItsOwnPidFileThroughAnotherSpellingKeepsItsLock() throws Exception {
        Path real = Files.createDirectories(fx.path("real"));
        Path link = Files.createSymbolicLink(fx.path("link"), real);
        Path pidFile = real.resolve("daemon.pid");
        Fixture.Result first = daemonize("pidfile=" + pidFile, "reread=" + link.resolve("../real/daemon.pid"));
        assertEquals(0, first.exit(), first.toString());
        long pid = Long.parseLong(report().get("pid"));
        assertTrue(report().get("selfsend").startsWith("pid file " + pidFile + " is held by this very process (pid "
                + pid + "), which does not signal itself"), "its send to itself is refused: " + report());
        assertTrue(Files.readString(Path.of("/proc/locks")).contains("OFDLCK"), "an open-file-description lock");

        Fixture.Result second = daemonize("pidfile=" + link.resolve("daemon.pid"), "report=" + fx.path("report2"));
        assertFailed(second, "a daemon is already running (pid " + pid + ") with pid file " + pidFile);
        assertEquals(List.of(pid), fx.processes());
    }

    // ---- nothing blocks, nothing is read without bound

    @Test
    void aFifoAtThePidFilePathIsRefusedAtOnceByEveryone() throws Exception {
        Path fifo = mkfifo("daemon.pid");
        String said = "pid file " + fifo + " is a FIFO, not a regular file";
        assertFailed(daemonize("timeout=3000"), said);
        assertFailed(cli("start", "--pid-file", fifo.toString(), "--", "sleep", "60"), said);
        Fixture.Result status = cli("status", "--pid-file", fifo.toString());
        assertEquals(4, status.exit(), status.toString());
        assertTrue(status.stdout().contains("is a FIFO, not a regular file"), status.toString());
        assertFailed(cli("send", "--pid-file", fifo.toString(), "TERM"), "is a FIFO");
        assertFailed(cli("stop", "--pid-file", fifo.toString()), "is a FIFO");
        assertNothingLeft();
    }

    @Test
    void aLinkToAnEndlessDeviceIsRefusedWithoutReadingIt() throws Exception {
        Files.createSymbolicLink(pidFile(), Path.of("/dev/zero"));
        assertFailed(daemonize(), "pid file " + pidFile() + " is a symbolic link, not a regular file, and Daemoniker"
                + " does not follow links: give the real path");
        Fixture.Result status = cli("status", "--pid-file", pidFile().toString());
        assertEquals(4, status.exit(), status.toString());
        assertTrue(status.stdout().contains("is a symbolic link"), status.toString());
        assertNothingLeft();
    }

    @Test
    void streamsThatAreFifosAreRefusedBeforeAnythingWaitsOnThem() throws Exception {
        Path fifo = mkfifo("log.fifo");
        String said = " " + fifo + " is not a regular file (a FIFO, socket or device)";
        assertFailed(daemonize("stderr=" + fifo, "timeout=3000"), "the daemon's stderr log" + said);
        assertFailed(daemonize("stdout=" + fifo, "timeout=3000"), "the daemon's stdout log" + said);
        assertFailed(cli("start", "--pid-file", pidFile().toString(), "--stdout", fifo.toString(), "--", "sleep", "60"),
                "the daemon's stdout log" + said);
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    // ---- no half-started programs

    @Test
    @NeedsRoot
    void aFullFileSystemLeavesNeitherTheProgramNorItsPidFile() throws Exception {
        Path full = Files.createDirectories(fx.path("full"));
        Path pidFile = full.resolve("p.pid");
        String script = "mount -t tmpfs -o size=64k tmpfs " + q(full)
                + " && (dd if=/dev/zero of=" + q(full.resolve("filler")) + " bs=4k 2>/dev/null; true)"
                + " && " + shell(Fixture.cliCommand("start", "--pid-file", pidFile.toString(), "--", "sleep", "60"))
                + "; echo \"exit=$?\"; ls " + q(full);
        Fixture.Result result = run(inMountNamespace(script));
        assertTrue(result.stdout().contains("exit=1"), result.toString());
        assertTrue(result.stderr().contains("pid file " + pidFile + " could not be written: No space left on device;"
                + " the program (pid "), result.toString());
        assertTrue(result.stderr().contains(") was stopped"), result.toString());
        assertFalse(result.stdout().contains("p.pid"), "the pid file is removed: " + result);
        assertNothingLeft();
    }

    @Test
    void aProgramThatForksAndExitsIsRefusedAndWhatItLeftIsEnded() {
        Fixture.Result start = cli("start", "--pid-file", pidFile().toString(), "--", "sh", "-c", "sleep 60 & exit 0");
        assertFailed(start, "forked and exited, leaving pid ");
        assertTrue(start.stderr().contains("it daemonizes itself"), start.toString());
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    @Test
    void aRelaunchingShellKilledBeforeItStartsTheJvmIsOneSentenceAndLeavesNothing() throws Exception {
        // the shell leads a session of its own (setsid): the probe ends the session's leader, by pid
        String killLeader = "s=$(cut -d' ' -f6 /proc/$$/stat); [ \"$(cat /proc/$s/comm)\" = sh ] && kill -KILL \"$s\"";
        Fixture.Result result = fx.run(fx.command(fx.settings()), onPath(probingEnv(killLeader)), dir, QUICK);
        assertFailed(result, "the daemon could not be started: /bin/sh was killed by signal 9 before starting the JVM");
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    @Test
    void anOriginalProcessKilledWhileItsShellStartsLeavesNoDaemonAndTheNextStartWorks() throws Exception {
        Path release = mkfifo("release");
        Path probing = fx.path("probing");
        Map<String, String> path = onPath(probingEnv(": > " + q(probing) + "; read -r _ < " + q(release)));
        Process original = fx.start(fx.command(fx.settings()), path, "original");
        await().atMost(DEADLINE).until(() -> Files.exists(probing));
        original.destroyForcibly();
        original.waitFor();
        Files.writeString(release, "\n");
        // the shell reads the end of stdin at its gate and never starts the JVM
        await().atMost(DEADLINE).until(() -> fx.processes().isEmpty());
        Fixture.Result again = fx.run(fx.command(fx.settings()), Map.of(), dir, QUICK);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(ProcInfo.alive(pidFromFile(pidFile())));
    }

    /** An env that runs {@code script} when the relaunching shell probes it, and is env otherwise. */
    private Path probingEnv(String script) throws IOException {
        Path bin = Files.createDirectories(fx.path("bin"));
        Path env = bin.resolve("env");
        Files.writeString(env, "#!/bin/sh\nif [ \"$1 $2\" = '--default-signal true' ]; then " + script
                + "; fi\nexec /usr/bin/env \"$@\"\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private static Map<String, String> onPath(Path bin) {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    @Test
    void aDescriptorAboveTheOpenFileLimitDoesNotStopAStart() {
        String lowered = "exec 200</dev/null; ulimit -n 128; ";
        Fixture.Result daemon = run(bash(lowered + shell(fx.command(fx.settings()))));
        assertEquals(0, daemon.exit(), daemon.toString());
        long pid = pidFromFile(pidFile());
        assertFalse(Files.exists(Path.of("/proc", Long.toString(pid), "fd", "200")), "not inherited");

        Fixture.Result program = run(bash(lowered + shell(Fixture.cliCommand("start", "--pid-file",
                fx.path("p.pid").toString(), "--", "sleep", "60"))));
        assertEquals(0, program.exit(), program.toString());
        assertTrue(ProcInfo.alive(pidFromFile(fx.path("p.pid"))));
    }

    @Test
    @NeedsRoot
    void theFirstProcessOfAContainerStaysInTheForeground() throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
        command.addAll(fx.command(fx.settings()));
        fx.start(command, Map.of(), "container");
        Map<String, String> report = report();
        assertEquals("1", report.get("pid"), "the daemon's code runs in pid 1 itself: " + report);
        assertEquals("1\n", Files.readString(pidFile()), "the pid file names it as the container sees it");
        assertEquals(1, fx.processes().stream().filter(pid -> new ProcInfo(pid).commandLine().get(0).endsWith("java"))
                .count(), "nothing was relaunched: " + fx.processes());
    }

    @Test
    void theExactBytesOfTheCommandLineReachTheDaemonUnderAnyLocale() throws Exception {
        // "café" and a byte that is no UTF-8 at all, made by the shell so no Java encoding is involved
        String script = "exec " + shell(fx.command(fx.settings())) + " \"$(printf 'caf\\303\\251')\" \"$(printf 'x\\377y')\"";
        Fixture.Result result = fx.run(sh(script), Map.of("LANG", "C", "LC_ALL", "POSIX"), dir, QUICK);
        assertEquals(0, result.exit(), result.toString());
        long pid = pidFromFile(pidFile());
        byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        String bytes = new String(cmdline, StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("\0caf\u00c3\u00a9\0x\u00ffy\0"), "the daemon's argv, byte for byte: " + bytes);
    }

    // ---- stops and starts at once

    @Test
    void twoStopsAtOnceBothSayStopped() throws Exception {
        Fixture.Result parent = run(fx.signalDaemon());
        assertEquals(0, parent.exit(), parent.toString());
        await().atMost(DEADLINE).until(() -> fx.events().contains("started"));
        long pid = pidFromFile(pidFile());
        CompletableFuture<Fixture.Result> one = CompletableFuture.supplyAsync(() -> cli("stop", "--pid-file",
                pidFile().toString()));
        CompletableFuture<Fixture.Result> two = CompletableFuture.supplyAsync(() -> cli("stop", "--pid-file",
                pidFile().toString()));
        for (Fixture.Result stop : List.of(one.join(), two.join())) {
            assertEquals(0, stop.exit(), stop.toString());
        }
        assertFalse(ProcInfo.alive(pid));
        assertFalse(Files.exists(pidFile()));
    }

    @Test
    void aStopDuringAStartWaitsForItAndStopsTheDaemonItBroughtUp() throws Exception {
        Process starting = fx.start(fx.command(fx.settings("slow-before=2000")), Map.of(), "starting");
        // the original process holds the lock of the still empty file while its daemon starts
        await().atMost(DEADLINE).until(() -> Files.exists(pidFile()) && Files.size(pidFile()) == 0);
        Fixture.Result stop = cli("stop", "--pid-file", pidFile().toString());
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.stdout().startsWith("stopped, pid "), stop.toString());
        assertEquals(0, starting.waitFor(), "the start itself succeeded");
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    // ---- signals hold when ready is said

    @Test
    void interruptAndQuitAreNotIgnoredWhenDaemonizeReturnsNorInAStartedProgram() throws Exception {
        Fixture.Result daemon = run(sh("trap '' INT QUIT; " + shell(fx.command(fx.settings()))));
        assertEquals(0, daemon.exit(), daemon.toString());
        assertNotIgnored(pidFromFile(pidFile()));

        Fixture.Result program = cli("start", "--pid-file", fx.path("p.pid").toString(), "--", "sleep", "60");
        assertEquals(0, program.exit(), program.toString());
        assertNotIgnored(pidFromFile(fx.path("p.pid")));
    }

    /** Read the moment the start returned: a shell's background job has them ignored until someone restores them. */
    private static void assertNotIgnored(long pid) {
        ProcInfo process = new ProcInfo(pid);
        assertFalse(process.signalBit("SigIgn", 2), "SIGINT is ignored in " + pid);
        assertFalse(process.signalBit("SigIgn", 3), "SIGQUIT is ignored in " + pid);
    }

    // ---- one sentence that says what to do

    @Test
    @NeedsRoot
    void statusSaysWhyItCannotReadAPidFile() throws Exception {
        Files.writeString(pidFile(), "\u0661\u0662\u0663\n");
        Fixture.Result digits = cli("status", "--pid-file", pidFile().toString());
        assertEquals(4, digits.exit(), digits.toString());
        assertTrue(digits.stdout().contains("does not hold a pid (it holds '\u0661\u0662\u0663')"), digits.toString());

        Path secret = Files.writeString(fx.path("secret.pid"), "123\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Fixture.Result denied = run(Fixture.asNobody(Fixture.cliCommand("status", "--pid-file", secret.toString())));
        assertEquals(4, denied.exit(), denied.toString());
        assertTrue(denied.stdout().contains("cannot be read by this user (permission denied)"), denied.toString());
    }

    @Test
    void anEmptyPidFileHeldByAnotherProgramNamesIt() throws Exception {
        Path held = Files.createFile(fx.path("held.pid"));
        Process holder = fx.start(List.of("python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'r+');"
                + " fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", held.toString()),
                Map.of(), "holder");
        await().atMost(DEADLINE).until(() -> Files.readString(fx.path("holder.out")).contains("held"));
        Fixture.Result start = daemonize("pidfile=" + held);
        assertFailed(start, "pid file " + held + " is locked by pid " + holder.pid() + " but holds no pid");
        Fixture.Result status = cli("status", "--pid-file", held.toString());
        assertEquals(4, status.exit(), status.toString());
    }

    @Test
    @NeedsRoot
    void aReadOnlyFileSystemIsCalledThat() throws Exception {
        Path readOnly = Files.createDirectories(fx.path("ro"));
        String script = "mount -t tmpfs -o ro tmpfs " + q(readOnly) + " && "
                + shell(fx.command(fx.settings("pidfile=" + readOnly.resolve("d.pid"))));
        Fixture.Result result = run(inMountNamespace(script));
        assertFailed(result, "pid file " + readOnly.resolve("d.pid") + " cannot be created: directory " + readOnly
                + " is on a read-only file system");
        assertNothingLeft();
    }

    @Test
    @NeedsRoot
    void nativeCodeThatCannotLoadIsOneSentenceAndNothingStarts() throws Exception {
        // a status needs no native code on Linux; starting any program does (posix_spawn)
        Path noexec = Files.createDirectories(fx.path("noexec"));
        List<String> start = new ArrayList<>(Fixture.cliCommand("start", "--pid-file", pidFile().toString(), "--",
                "sleep", "60"));
        start.add(1, "-Djna.tmpdir=" + noexec);
        Fixture.Result result = run(inMountNamespace("mount -t tmpfs -o noexec tmpfs " + q(noexec) + " && "
                + shell(start)));
        assertNotEquals(0, result.exit(), result.toString());
        assertEquals(1, result.stderr().lines().count(), "one line, no stack trace: " + result);
        assertTrue(result.stderr().contains("Daemoniker's native layer (JNA) could not be loaded"), result.toString());
        assertTrue(result.stderr().contains("-Djna.tmpdir=DIR"), result.toString());
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    @Test
    void tooFewDescriptorsIsOneSentenceNotAnError() {
        // no counter: the fixture's own file writes would compete for the last descriptors
        Fixture.Result result = run(sh("ulimit -n 16; " + shell(fx.command("pidfile=" + pidFile(),
                "report=" + fx.path("report")))));
        // where the last descriptor goes varies (JDK 17 and 25 differ): each place says so
        assertTrue(result.stderr().startsWith("Exception in thread \"main\" io.github.daemoniker.Daemoni"),
                "no Error escapes daemonize: " + result);
        assertTrue(result.stderr().lines().findFirst().orElseThrow().contains("raise its limit (ulimit -n)"),
                result.toString());
        assertFalse(Files.exists(pidFile()), "no pid file is left: " + result);
        assertNothingLeft();
    }

    @Test
    @NeedsRoot
    void tooFewProcessesIsADaemonizeExceptionNotAnError() throws IOException {
        // as nobody, whom RLIMIT_NPROC binds (root it does not); the serial collector keeps the
        // JVM's own threads few, so the limit bites in daemonize, not in the JVM's start
        List<String> command = new ArrayList<>(fx.command(fx.settings()));
        command.set(command.indexOf("-cp") + 1, String.join(java.io.File.pathSeparator, fx.readableClassPath()));
        command.add(1, "-XX:+UseSerialGC");
        Fixture.Result result = run(Fixture.asNobody(List.of("bash", "-c", "ulimit -u 16; " + shell(command))));
        assertTrue(result.stderr().startsWith("Exception in thread \"main\" io.github.daemoniker.DaemonizeException:"),
                "no Error escapes daemonize: " + result);
        // the JVM, the relaunching shell or the daemon may be the one that cannot start a thread
        String said = result.stderr().lines().findFirst().orElseThrow();
        assertTrue(said.contains("could not start a thread while starting the daemon (")
                || said.matches(".*the daemon could not be started: /bin/sh ended with status 2 before"
                + " starting the JVM.*") || said.contains("the daemon exited before it was ready"), result.toString());
        assertFalse(Files.exists(pidFile()));
        assertNothingLeft();
    }

    @Test
    void aDeletedWorkingDirectoryIsNamed() throws Exception {
        Path gone = Files.createDirectories(fx.path("gone"));
        Fixture.Result result = fx.run(fx.command(fx.settings("delete-cwd=yes")), Map.of(), gone, QUICK);
        assertFailed(result, "this process's working directory " + gone + " no longer exists");
        assertNothingLeft();
    }

    @Test
    void dotDotIsResolvedAsTheKernelDoesNotAsText() throws Exception {
        Path deep = Files.createDirectories(fx.path("real/deep"));
        Path link = Files.createSymbolicLink(fx.path("link"), deep);
        Fixture.Result result = daemonize("pidfile=" + link + "/../x.pid");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(Files.exists(fx.path("real/x.pid")), "where the kernel finds link/..");
        assertFalse(Files.exists(fx.path("x.pid")), "not where the text suggests");
    }
}
