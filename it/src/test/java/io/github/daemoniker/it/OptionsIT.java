package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The options beyond Daemoniker's: core dumps, privileges, readiness when the application says. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class OptionsIT extends DaemonTestSupport {

    private static String coreLimit(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                .filter(l -> l.startsWith("Max core file size")).findFirst().orElseThrow()
                .substring("Max core file size".length()).strip().replaceAll("\\s+", " ");
    }

    @Test
    void coreDumpsArePreventedByDefaultSoftAndHard() throws IOException {
        Fixture.Result parent = fx.run(fx.command(fx.settings()));
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("0 0 bytes", coreLimit(pidFromFile(fx.path("daemon.pid"))));

        Fixture.Result allowed = fx.run(fx.command(fx.settings("allow-core=yes", "pidfile=" + fx.path("b.pid"),
                "report=" + fx.path("report-b"))));
        assertEquals(0, allowed.exit(), allowed.toString());
        assertEquals(coreLimit(ProcessHandle.current().pid()), coreLimit(pidFromFile(fx.path("b.pid"))),
                "allowed: the limits are inherited");
    }

    /** The fixture with a class path the dropped user can read. */
    private List<String> readableCommand(String... settings) throws IOException {
        List<String> command = fx.command(fx.settings(settings));
        command.set(command.indexOf("-cp") + 1, String.join(File.pathSeparator, fx.readableClassPath()));
        return command;
    }

    @Test
    @NeedsRoot
    void theDaemonDropsToNobodyAfterTakingItsPidFileAndLogs() throws IOException {
        Path log = fx.path("daemon.log");
        Fixture.Result parent = fx.run(readableCommand("user=nobody", "stdout=" + log, "stderr=" + log));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        ProcInfo daemon = new ProcInfo(pid);
        assertEquals("65534\t65534\t65534\t65534", daemon.status("Uid"));
        assertEquals("65534\t65534\t65534\t65534", daemon.status("Gid"));
        assertEquals("65534", daemon.status("Groups"), "initgroups: nobody's groups only, root's are gone");
        assertEquals(String.valueOf(pid), report().get("pid"), "the daemon works on as nobody");
        // the pid file and the log were opened as root, before the drop
        assertEquals("root", Files.getOwner(fx.path("daemon.pid")).getName());
        assertTrue(Files.readString(log).contains("daemon stdout " + pid));
    }

    /**
     * jsvc's reason to exist, in pure Java: the original process, root, binds a port below 1024 on
     * 127.0.0.1; the daemon, dropped to nobody, takes the listening socket (its stdin) and answers on it.
     */
    @Test
    @NeedsRoot
    void aPortBelow1024IsServedByADaemonRunningAsNobody() throws IOException {
        int port = freePrivilegedPort();
        Fixture.Result parent = fx.run(readableCommand("user=nobody", "listen=127.0.0.1:" + port, "serve=yes"));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"));
        ProcInfo daemon = new ProcInfo(pid);
        assertEquals("65534\t65534\t65534\t65534", daemon.status("Uid"));
        assertTrue(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/0")).toString().startsWith("socket:["),
                "the listening socket is its stdin");
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            assertEquals("hello from " + pid + "\n", new String(client.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Without root, a port below 1024 is refused in one sentence, before anything starts. */
    @Test
    void aPortBelow1024IsRefusedWithoutRootAndNothingStarts() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && "root".equals(System.getProperty("user.name")), "becoming nobody needs root and setpriv");
        int port = freePrivilegedPort();
        // a pid file nobody may write: the refusal is the port's, not the pid file's
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(Files.createDirectory(fx.path("run")),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Fixture.Result parent = fx.run(Fixture.asNobody(readableCommand("listen=127.0.0.1:" + port, "pidfile="
                + fx.path("run/daemon.pid"))));
        assertEquals(1, parent.exit(), parent.toString());
        assertTrue(parent.stderr().contains("the daemon cannot listen on 127.0.0.1:" + port + ": Permission denied (a"
                + " port below 1024 is bound by root, or with CAP_NET_BIND_SERVICE: start the program as root, and let"
                + " the daemon drop to DaemonOptions.user)"), parent.toString());
        assertFalse(Files.exists(fx.path("run/daemon.pid")), "nothing left behind");
        assertFalse(Files.exists(fx.path("report")));
    }

    /** A port below 1024 on 127.0.0.1 that nothing listens on now. */
    static int freePrivilegedPort() {
        for (int port = 700; port < 1024; port++) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                // taken: the next
            }
        }
        throw new AssertionError("no free port between 700 and 1023 on 127.0.0.1");
    }

    /**
     * A working directory only root may enter is entered before the drop, as root, and kept, as a
     * foreground daemon does: the daemon reported started is the one that runs (it once changed
     * directory as nobody, just after ready, and died of it).
     */
    @Test
    @NeedsRoot
    void aWorkingDirectoryOnlyRootMayEnterIsEnteredBeforeTheDrop() throws IOException {
        Path rootOnly = Files.createDirectory(fx.path("root-only"));
        Files.setPosixFilePermissions(rootOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path log = fx.path("daemon.log");
        Fixture.Result parent = fx.run(readableCommand("user=nobody", "chdir=" + rootOnly, "stdout=" + log,
                "stderr=" + log));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"), "the daemon works on, as nobody");
        ProcInfo daemon = new ProcInfo(pid);
        assertEquals(rootOnly, daemon.workingDirectory());
        assertEquals("65534\t65534\t65534\t65534", daemon.status("Uid"));
    }

    /**
     * Started by root with supplementary groups of its own, the daemon keeps none of root's: a user
     * with an entry gets exactly its groups, a bare uid exactly the group it is given; every id is
     * the asked one, and no capability is left.
     */
    @Test
    @NeedsRoot
    void aDropOfPrivilegesIsWholeAndARootGroupIsNeverKept() throws IOException {
        String readable = String.join(File.pathSeparator, fx.readableClassPath());
        for (String[] drop : new String[][] {{"nobody", null, "65534"}, {"4243", "4243", "4243"}}) {
            Path pidFile = fx.path("drop-" + drop[0] + ".pid");
            List<String> settings = new ArrayList<>(List.of("user=" + drop[0], "pidfile=" + pidFile,
                    "report=" + fx.path("report-" + drop[0])));
            if (drop[1] != null) {
                settings.add("group=" + drop[1]);
            }
            List<String> command = new ArrayList<>(List.of("setpriv", "--groups=4,27,100"));
            command.addAll(fx.command(fx.settings(settings.toArray(String[]::new))));
            command.set(command.indexOf("-cp") + 1, readable);
            Fixture.Result parent = fx.run(command);
            assertEquals(0, parent.exit(), parent.toString());
            ProcInfo daemon = new ProcInfo(pidFromFile(pidFile));
            String id = drop[2];
            assertEquals(String.join("\t", id, id, id, id), daemon.status("Uid"), "real, effective, saved, file system");
            assertEquals(String.join("\t", id, id, id, id), daemon.status("Gid"));
            assertEquals(id, daemon.status("Groups"), "root's groups 4, 27 and 100 are gone");
            for (String capabilities : List.of("CapPrm", "CapEff", "CapAmb")) {
                assertEquals("0000000000000000", daemon.status(capabilities), capabilities);
            }
        }
    }

    /** Its stderr is the null device: that its logs cannot be rotated is said in the log itself, once. */
    @Test
    @NeedsRoot
    void aDaemonDroppedToNobodyThatCannotRotateItsLogSaysSoInIt() throws IOException {
        Path logs = Files.createDirectories(fx.path("logs"));
        Path log = logs.resolve("app.log");
        Fixture.Result parent = fx.run(readableCommand("user=nobody", "stdout=" + log, "rotate=8192:3", "count=yes"));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        String said = "daemoniker: the log " + log + " is no longer rotated: this user may not rename files in its"
                + " directory " + logs;
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains(said));
        await().atMost(DEADLINE).until(() -> Files.size(log) > 3 * 8192);
        assertEquals(1, Files.readString(log).split(java.util.regex.Pattern.quote(said), -1).length - 1, "said once");
        assertFalse(Files.exists(logs.resolve("app.log.1")));
        assertTrue(ProcInfo.alive(pid), "the daemon goes on writing");
    }

    @Test
    @NeedsRoot
    void aBareUidWithoutAGroupIsRefusedBeforeAnythingStarts() {
        Fixture.Result result = fx.run(fx.command(fx.settings("user=4243")));
        assertNotEquals(0, result.exit());
        assertTrue(result.stderr().contains("user 4243 has no entry in this system's user database, so it has no"
                + " group of its own: give DaemonOptions.group (--group) too, which becomes its only group"),
                result.toString());
        assertFalse(Files.exists(fx.path("daemon.pid")));
        assertTrue(fx.processes().isEmpty());
    }

    @Test
    @NeedsRoot
    void rootCanBeAskedForExplicitly() {
        Fixture.Result parent = fx.run(fx.command(fx.settings("user=root", "group=0")));
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("0\t0\t0\t0", new ProcInfo(pidFromFile(fx.path("daemon.pid"))).status("Uid"));
    }

    @Test
    void anUnknownUserOrGroupIsRefusedBeforeAnythingStarts() {
        Fixture.Result user = fx.run(fx.command(fx.settings("user=no-such-user-here")));
        assertNotEquals(0, user.exit());
        assertTrue(user.stderr().contains("user 'no-such-user-here' does not exist on this system"), user.toString());
        Fixture.Result group = fx.run(fx.command(fx.settings("group=no-such-group-here")));
        assertTrue(group.stderr().contains("group 'no-such-group-here' does not exist on this system"), group.toString());
        assertFalse(Files.exists(fx.path("daemon.pid")));
        assertTrue(fx.processes().isEmpty());
    }

    @Test
    @NeedsRoot
    void aNonRootOriginalProcessCannotChangeUser() throws IOException {
        Fixture.Result result = fx.run(Fixture.asNobody(readableCommand("user=root", "pidfile=" + fx.path("n.pid"))));
        assertNotEquals(0, result.exit());
        assertTrue(result.stderr().contains("running the daemon as user root needs root: start it as root, or leave"
                + " DaemonOptions.user and group unset"), result.toString());
        assertTrue(fx.processes().isEmpty());
    }

    @Test
    void withManualReadinessTheParentWaitsForReady() throws IOException {
        Path go = fx.path("go");
        CompletableFuture<Fixture.Result> parent = CompletableFuture.supplyAsync(
                () -> fx.run(fx.command(fx.settings("manual=" + go))));
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report.waiting")));
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertTrue(ProcInfo.alive(pid));
        assertFalse(parent.isDone(), "the original process returned before the daemon called ready()");
        Files.writeString(go, "go\n");
        Fixture.Result result = parent.join();
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.stdout().contains("parent: daemon pid " + pid), result.toString());
    }

    @Test
    void aDaemonThatNeverCallsReadyIsStoppedAtTheTimeoutWithTheCause() {
        Fixture.Result result = fx.run(fx.command(fx.settings("manual=" + fx.path("never"), "timeout=3000")));
        assertNotEquals(0, result.exit());
        assertTrue(result.stderr().contains("did not report ready within 3 s and was stopped: make sure"),
                result.toString());
        assertTrue(fx.processes().isEmpty(), "nothing left running");
        assertFalse(Files.exists(fx.path("daemon.pid")), "nothing left on disk");
    }

    /** A jail of hard links: what the JVM still opens after chroot, at the same paths. */
    private Path jail() throws Exception {
        Path jail = Files.createDirectory(fx.path("jail"));
        List<String> needed = new ArrayList<>(Fixture.classPath());
        needed.add(Path.of(System.getProperty("java.home")).toRealPath().toString());
        for (String path : needed) {
            Path target = jail.resolve(path.substring(1));
            Files.createDirectories(target.getParent());
            assertEquals(0, new ProcessBuilder("cp", "-al", path, target.toString()).inheritIO().start().waitFor());
        }
        Files.createDirectories(jail.resolve("dev"));
        assertEquals(0, new ProcessBuilder("mknod", "-m", "666", jail.resolve("dev/null").toString(), "c", "1", "3")
                .inheritIO().start().waitFor());
        return jail;
    }

    @Test
    @NeedsRoot
    void aChrootedDaemonLivesInItsJailWithItsWorkingDirectoryInside() throws Exception {
        Path jail = jail();
        Files.createDirectory(jail.resolve("inside"));
        Fixture.Result parent = fx.run(fx.command("pidfile=" + fx.path("daemon.pid"), "report=/report",
                "chroot=" + jail, "chdir=/inside"));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        await().atMost(DEADLINE).until(() -> Files.exists(jail.resolve("report")));
        assertTrue(Files.readString(jail.resolve("report")).startsWith("pid=" + pid + "\n"), "written inside the jail");
        assertEquals(jail.toRealPath(), Files.readSymbolicLink(Path.of("/proc/" + pid + "/root")));
        assertEquals(jail.resolve("inside").toRealPath(), new ProcInfo(pid).workingDirectory());
    }

    @Test
    void aJailWithoutWhatTheJvmNeedsIsRefusedBeforeAnythingStarts() throws IOException {
        Path empty = Files.createDirectory(fx.path("empty-jail"));
        Fixture.Result result = fx.run(fx.command(fx.settings("chroot=" + empty)));
        assertNotEquals(0, result.exit());
        assertTrue(result.stderr().contains("chroot directory " + empty + " lacks "), result.toString());
        assertTrue(result.stderr().contains(": a JVM goes on opening its own files after chroot, so the directory"
                + " must hold java.home, the class path and /dev/null at the same paths"), result.toString());
        assertFalse(Files.exists(fx.path("daemon.pid")));
        assertTrue(fx.processes().isEmpty());
    }

    @Test
    void theDaemonAloneGetsItsJvmOptionsAndEnvironment() throws IOException {
        List<String> command = new ArrayList<>(fx.command(fx.settings("jvm=-Dfixture.only=daemon,-Xmx123m",
                "env=FIXTURE_ONLY=daemon", "unset=FIXTURE_GONE")));
        command.add(1, "-Xmx64m");
        Fixture.Result parent = fx.run(command, Map.of("FIXTURE_GONE", "the launcher's"));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        Map<String, String> report = report();
        assertEquals("daemon", report.get("property"));
        assertEquals("daemon", report.get("only"));
        assertEquals("null", report.get("gone"), "removed for the daemon");
        List<String> argv = new ProcInfo(pid).commandLine();
        int main = argv.indexOf(Fixture.MAIN);
        assertEquals(List.of("-Dfixture.only=daemon", "-Xmx123m"), argv.subList(main - 2, main),
                "after the original JVM options, before the main class: " + argv);
        assertTrue(argv.indexOf("-Xmx64m") < main - 2, "the original command line is kept: " + argv);
        assertEquals(List.of("FIXTURE_ONLY=daemon"), environment(pid).stream().filter(e -> e.startsWith("FIXTURE_"))
                .toList(), "the daemon's own environment, seen from outside");
    }

    private static List<String> environment(long pid) throws IOException {
        return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")),
                java.nio.charset.StandardCharsets.UTF_8).split("\0"));
    }
}
