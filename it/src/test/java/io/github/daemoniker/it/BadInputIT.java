package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Every bad input gets one clear sentence in the process that asked, and leaves nothing behind:
 * no daemon process, no pid file that was not there before.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class BadInputIT extends DaemonTestSupport {

    /** Runs the fixture, expects it to fail with {@code expected} in its error, and nothing left. */
    private Fixture.Result expectFailure(String expected, String... settings) {
        return expectFailure(fx.command(fx.settings(settings)), expected);
    }

    private Fixture.Result expectFailure(List<String> command, String expected) {
        Fixture.Result result = fx.run(command);
        assertNotEquals(0, result.exit(), result.toString());
        assertTrue(result.stderr().contains(expected), "expected '" + expected + "' in\n" + result);
        assertTrue(fx.processes().isEmpty(), "a process was left running: " + fx.processes());
        return result;
    }

    @Test
    void aMissingPidFileDirectoryIsNamed() {
        Path pidFile = fx.path("missing/daemon.pid");
        expectFailure("the directory of pid file " + pidFile + " does not exist: create " + pidFile.getParent()
                + " first", "pidfile=" + pidFile);
    }

    @Test
    void aPidFileThatIsASymbolicLinkIsRefusedAndItsTargetUntouched() throws IOException {
        Path target = Files.writeString(fx.path("precious"), "keep me\n");
        Files.createSymbolicLink(fx.path("daemon.pid"), target);
        expectFailure("is a symbolic link", "pidfile=" + fx.path("daemon.pid"));
        assertEquals("keep me\n", Files.readString(target));
    }

    @Test
    void aPidFileThatIsADirectoryIsRefused() throws IOException {
        Files.createDirectory(fx.path("daemon.pid"));
        expectFailure("pid file " + fx.path("daemon.pid") + " is a directory", "pidfile=" + fx.path("daemon.pid"));
    }

    @Test
    void anUnwritablePidFileDirectoryIsNamed() throws IOException {
        Path readOnly = Files.createDirectory(fx.path("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path pidFile = readOnly.resolve("daemon.pid");
        List<String> command = asUnprivilegedUser(fx.command("pidfile=" + pidFile));
        expectFailure(command, "pid file " + pidFile + " cannot be created: directory " + readOnly
                + " is not writable by this user");
        assertFalse(Files.exists(pidFile));
    }

    /** Root writes anywhere, so the fixture runs as nobody, from a class path nobody can read. */
    private List<String> asUnprivilegedUser(List<String> command) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> unprivileged = new ArrayList<>(Fixture.asNobody(command));
        int cp = unprivileged.indexOf("-cp");
        unprivileged.set(cp + 1, String.join(File.pathSeparator, fx.readableClassPath()));
        return unprivileged;
    }

    @Test
    void aPidFileHeldByARunningDaemonIsNotTakenAndNamesItsPid() throws IOException {
        Fixture.Result first = fx.run(fx.command(fx.settings()));
        assertEquals(0, first.exit(), first.toString());
        long running = pidFromFile(fx.path("daemon.pid"));

        Fixture.Result second = fx.run(fx.command(fx.settings("report=" + fx.path("report2"))));
        assertNotEquals(0, second.exit(), second.toString());
        assertTrue(second.stderr().contains("a daemon is already running (pid " + running + ") with pid file "
                + fx.path("daemon.pid") + ": stop it first, or choose another pid file"), second.toString());
        assertEquals(List.of(running), fx.processes());
        assertEquals(running, pidFromFile(fx.path("daemon.pid")));
    }

    @Test
    void aStalePidFileOfAKilledDaemonIsTakenOver() {
        Fixture.Result first = fx.run(fx.command(fx.settings()));
        assertEquals(0, first.exit(), first.toString());
        long killed = pidFromFile(fx.path("daemon.pid"));
        DaemonizeIT.kill("KILL", killed);
        awaitGone(killed);
        assertEquals(killed, pidFromFile(fx.path("daemon.pid")), "SIGKILL leaves the pid file behind");

        Fixture.Result second = fx.run(fx.command(fx.settings("report=" + fx.path("report2"))));
        assertEquals(0, second.exit(), second.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertNotEquals(killed, pid);
        assertTrue(ProcInfo.alive(pid));
    }

    @Test
    void aFileThatIsNotAPidFileIsRefusedAndLeftByteForByte() throws IOException {
        byte[] precious = "not a pid at all\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        Files.write(fx.path("daemon.pid"), precious);
        expectFailure("pid file " + fx.path("daemon.pid") + " already exists and is not a pid file (it holds"
                + " 'not a pid at all...', 29 bytes): Daemoniker leaves it as it is; remove it yourself if it is a stale"
                + " pid file, or choose another path", "pidfile=" + fx.path("daemon.pid"));
        assertArrayEquals(precious, Files.readAllBytes(fx.path("daemon.pid")));
    }

    @Test
    void anArgumentKryoCannotSerializeFailsInTheParentWithItsIndexAndType() {
        Fixture.Result result = expectFailure("argument 7 (java.lang.Thread) cannot be handed to the daemon",
                "unserializable=yes");
        assertFalse(Files.exists(fx.path("daemon.pid")));
        assertFalse(result.stderr().contains("Suppressed"), "the failure is not the parent's exit: " + result);
    }

    @Test
    void aMissingLogDirectoryIsTheDaemonsReasonAndNothingIsLeft() {
        Path log = fx.path("no-such-dir/daemon.log");
        expectFailure("the directory of the daemon's stdout log " + log + " does not exist: create "
                + log.getParent() + " first", "stdout=" + log);
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void aMissingWorkingDirectoryIsTheDaemonsReason() {
        expectFailure("the daemon's working directory " + fx.path("nowhere") + " does not exist: create it, or"
                + " choose another chdir", "chdir=nowhere");
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void aForgedSwitchIsAClearErrorNotASilentRun() {
        Fixture.Result result = fx.run(fx.command(fx.settings()), Map.of("DAEMONIKER_SWITCH", "yes please"));
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.stderr().contains("the environment variable DAEMONIKER_SWITCH is set to 'yes please',"
                + " which Daemoniker did not write: unset it to run this program normally"), result.toString());
        assertFalse(Files.exists(fx.path("counter")), "setup must not run");
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void aStraySwitchNamingChannelsThisProcessDoesNotHaveIsAClearError() {
        Fixture.Result result = fx.run(fx.command(fx.settings()),
                Map.of("DAEMONIKER_SWITCH", "1:0123456789abcdef0123456789abcdef:3,4"));
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.stderr().contains("the environment variable DAEMONIKER_SWITCH is set, but this process"
                + " was not relaunched by Daemoniker"), result.toString());
        assertFalse(Files.exists(fx.path("counter")), "setup must not run");
        assertTrue(fx.processes().isEmpty());
    }

    @Test
    void aDaemonThatNeverReportsIsStoppedAtTheTimeout() {
        Fixture.Result result = expectFailure("did not report ready within 3 s and was stopped", "hang-before=yes",
                "timeout=3000");
        assertTrue(result.stderr().contains("the daemon (pid "), "the daemon's pid is named: " + result);
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void whatAFailingDaemonWroteReachesTheOriginalProcess() throws IOException {
        Fixture.Result unset = expectFailure("exited before it was ready; its last output: the fixture gives up"
                + " before daemonize", "exit-before=yes");
        assertTrue(unset.stderr().contains("--- what the daemon wrote before it failed ---\nthe fixture gives up"),
                unset.toString());
        Path log = fx.path("daemon.err");
        Files.writeString(log, "an older line\n");
        Fixture.Result logged = expectFailure("exited before it was ready; its last output: the fixture gives up"
                + " before daemonize; see its stderr log " + log, "exit-before=yes", "stderr=" + log);
        assertFalse(logged.stderr().contains("an older line"), "only what this daemon wrote: " + logged);
        assertTrue(Files.readString(log).contains("the fixture gives up before daemonize"));
    }

    @Test
    void aDaemonsStackTraceBeforeItIsReadyIsShownToWhoStartedIt() {
        Fixture.Result result = expectFailure("failed to start: the relaunched daemon left its Daemonizer block"
                + " without calling daemonize (an exception, or a path that skips it)", "throw-before=yes");
        assertTrue(result.stderr().contains("--- what the daemon wrote before it failed ---"), result.toString());
        assertTrue(result.stderr().contains("java.lang.IllegalStateException: the fixture fails before daemonize"),
                result.toString());
        assertTrue(result.stderr().contains("at io.github.daemoniker.it.fixtures.FixtureDaemon.daemonOnlyHooks"),
                result.toString());
    }

    @Test
    void aLogPathThatIsADirectoryIsRefused() throws IOException {
        Path log = Files.createDirectory(fx.path("log-is-dir"));
        expectFailure("the daemon's stdout log " + log + " is a directory: give a file path", "stdout=" + log);
    }

    @Test
    void aLogThatIsASocketIsRefusedBeforeTheShellTriesIt() throws IOException {
        Path socket = fx.path("log.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            expectFailure("the daemon's stdout log " + socket + " is not a regular file (a FIFO, socket or device):"
                    + " the daemon's streams are regular files or /dev/null; give a file path", "stdout=" + socket);
        }
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }

    @Test
    void aDaemonThatSkipsDaemonizeIsReported() {
        expectFailure("the relaunched daemon left its Daemonizer block without calling daemonize", "skip-daemonize=yes");
        assertFalse(Files.exists(fx.path("daemon.pid")));
    }
}
