package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The systemd service the command-line tool writes: checked by systemd's own verifier, and its
 * ExecStart run as systemd would run it, under a notify socket of the test's, until READY=1.
 * A real systemd runs them in SystemdIT.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "systemd units are Linux's")
class ServiceIT extends DaemonTestSupport {

    private Fixture.Result cli(String... args) {
        return fx.cli(args);
    }

    /** ExecStart split back into words as systemd does for the quoting this tool writes. */
    private static List<String> execStart(String unit) {
        String line = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow().substring(10);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                word.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        words.add(word.toString());
        return words.stream().map(w -> w.replace("%%", "%").replace("$$", "$")).toList();
    }

    @Test
    void theUnitPassesSystemdsVerifierAndItsExecStartTellsSystemdReady() throws Exception {
        List<String> command = new ArrayList<>(List.of("service", "print", "--name", "fixture", "--run-as", "daemon",
                "--chdir", "/"));
        command.addAll(fx.command(fx.settings("odd=50% of $HOME \"quoted\"")));
        Fixture.Result print = cli(command.toArray(String[]::new));
        assertEquals(0, print.exit(), print.toString());
        String unit = print.stdout();
        assertTrue(unit.startsWith("# Written by Daemoniker"), unit);
        for (String expected : List.of("Type=notify", "Restart=on-failure", "User=daemon", "SuccessExitStatus=143 75",
                "RestartForceExitStatus=75", "NoNewPrivileges=yes", "ProtectSystem=full", "WantedBy=multi-user.target")) {
            assertTrue(unit.lines().anyMatch(expected::equals), expected + " in\n" + unit);
        }
        // a build in a temporary directory (a clone in /tmp) is what PrivateTmp would hide
        boolean buildInTmp = Fixture.BUILD.startsWith("/tmp") || Fixture.BUILD.startsWith("/var/tmp");
        assertTrue(unit.lines().anyMatch(buildInTmp ? line -> line.startsWith("# PrivateTmp is left out: ")
                : "PrivateTmp=yes"::equals), unit);
        Path file = Files.writeString(fx.path("fixture.service"), unit);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed (Debian's systemd package; .ci/run installs it)");
        Fixture.Result verify = fx.run(List.of("systemd-analyze", "verify", file.toString()));
        assertEquals(0, verify.exit(), verify.toString());
        assertEquals("", verify.stderr(), "systemd finds nothing to say: " + verify);

        List<String> words = execStart(unit);
        assertEquals(fx.command(fx.settings("odd=50% of $HOME \"quoted\"")).subList(1, words.size()),
                words.subList(1, words.size()), "every word comes back as it was given");
        Path socket = fx.path("notify.sock");
        int fd = ForegroundIT.bindDatagram(socket.toString());
        try {
            Process service = fx.start(words, Map.of("NOTIFY_SOCKET", socket.toString()), "service");
            assertEquals("READY=1\nMAINPID=" + service.pid(), ForegroundIT.receive(fd));
            assertTrue(report().get("argv").contains("odd=50% of $HOME \"quoted\""), report().toString());
            DaemonizeIT.kill("TERM", service.pid());
            assertEquals("STOPPING=1", ForegroundIT.receive(fd));
            assertTrue(service.waitFor(30, TimeUnit.SECONDS));
            assertTrue(unit.contains("SuccessExitStatus=" + service.exitValue() + " "), "the stop counts as clean");
        } finally {
            ForegroundIT.Sockets.C.close(fd);
        }
    }

    @Test
    void installIsIdempotentAndNeverReplacesOrRemovesAUnitThatIsNotOurs() throws IOException {
        Path units = fx.path("units");
        String[] install = {"service", "install", "--name", "app", "--unit-dir", units.toString(), "sleep", "1000"};
        Fixture.Result first = cli(install);
        assertEquals(0, first.exit(), first.toString());
        Path file = units.resolve("app.service");
        assertTrue(first.stdout().startsWith("installed " + file + ": now run systemctl daemon-reload && systemctl"
                + " enable --now app"), first.toString());
        Fixture.Result again = cli(install);
        assertEquals("unchanged: " + file + " is already this unit\n", again.stdout(), again.toString());
        assertEquals(List.of("app.service"), List.of(units.toFile().list()), "no temporary file left");

        Fixture.Result removed = cli("service", "uninstall", "--name", "app", "--unit-dir", units.toString());
        assertTrue(removed.stdout().startsWith("removed " + file), removed.toString());
        assertFalse(Files.exists(file));

        String foreign = "[Service]\nExecStart=/usr/bin/true\n";
        Files.writeString(file, foreign);
        Fixture.Result over = cli(install);
        assertEquals(1, over.exit(), over.toString());
        assertEquals("daemoniker: the unit " + file + " was not written by Daemoniker: it is left as it is; choose"
                + " another name, or remove it yourself\n", over.stderr());
        Fixture.Result notOurs = cli("service", "uninstall", "--name", "app", "--unit-dir", units.toString());
        assertEquals(1, notOurs.exit(), notOurs.toString());
        assertEquals(foreign, Files.readString(file), "left byte for byte");
    }

    @Test
    void aUserServiceSaysHowToOutliveTheSessionAndBadNamesAreRefused() {
        Fixture.Result user = cli("service", "print", "--name", "mine", "--user", "sleep", "1000");
        assertEquals(0, user.exit(), user.toString());
        assertTrue(user.stdout().contains("WantedBy=default.target\n"), user.toString());
        assertFalse(user.stdout().contains("User="), user.toString());
        Fixture.Result installed = cli("service", "install", "--name", "mine", "--user", "--unit-dir",
                fx.path("u").toString(), "sleep", "1000");
        assertTrue(installed.stdout().contains("systemctl --user enable --now mine (and loginctl enable-linger, to"
                + " keep it running after logout)"), installed.toString());
        Fixture.Result bad = cli("service", "print", "--name", "../evil", "sleep", "1");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.stderr().startsWith("daemoniker: '../evil' is not a service name"), bad.toString());
    }

    @Test
    void theOptionsOfAWindowsServiceAreRefusedHereAndTheJavaApiSaysWhereItsServicesAre() {
        Fixture.Result windowsOnly = cli("service", "print", "--name", "app", "--account", "virtual", "sleep", "1");
        assertEquals(1, windowsOnly.exit(), windowsOnly.toString());
        assertEquals("daemoniker: --start, --account, --restart-delay, --depends-on, --display-name and --description are"
                + " for Windows services: a systemd unit says these its own way\n", windowsOnly.stderr());
        io.github.daemoniker.DaemonikerException api = org.junit.jupiter.api.Assertions.assertThrows(
                io.github.daemoniker.DaemonikerException.class,
                () -> io.github.daemoniker.WindowsService.of("app", List.of("java")).install());
        assertEquals("Windows services live in the Service Control Manager of Windows, and this is Linux: here a"
                + " SystemdUnit is the service", api.getMessage());
    }

    /** Whatever lands in a unit is written by systemd's own quoting, or refused in one sentence: no line is injected. */
    @Test
    void noValueCanInjectADirectiveOrBreakTheUnit() throws IOException {
        Fixture.Result chdir = cli("service", "print", "--name", "app", "--chdir", "/tmp\nExecStartPre=/bin/evil",
                "sleep", "1");
        assertEquals(1, chdir.exit(), chdir.toString());
        assertEquals("daemoniker: the working directory '/tmp\\x0aExecStartPre=/bin/evil' cannot be written into a"
                + " unit as it is (a control character, a blank at an end, or a backslash at its end): choose a plain"
                + " path\n", chdir.stderr());
        Fixture.Result user = cli("service", "print", "--name", "app", "--run-as", "daemon\nAmbientCapabilities=CAP_SYS_ADMIN",
                "sleep", "1");
        assertEquals(1, user.exit(), user.toString());
        assertTrue(user.stderr().startsWith("daemoniker: 'daemon\\x0aAmbientCapabilities=CAP_SYS_ADMIN' is not a user"
                + " name a unit can hold"), user.toString());
        Fixture.Result group = cli("service", "print", "--name", "app", "--group", "x;y", "sleep", "1");
        assertTrue(group.stderr().startsWith("daemoniker: 'x;y' is not a group name a unit can hold"), group.toString());

        Fixture.Result print = cli("service", "print", "--name", "app", "--chdir", "/srv/50% off", "sleep",
                "a\nExecStartPre=/bin/evil", "b\rc", "tab\there");
        assertEquals(0, print.exit(), print.toString());
        String unit = print.stdout();
        assertEquals(1, unit.lines().filter(l -> l.startsWith("ExecStart")).count(), unit);
        assertFalse(unit.contains("\r"), "no carriage return: systemd would reject the whole unit");
        assertTrue(unit.contains(" \"a\\x0aExecStartPre=/bin/evil\" \"b\\x0dc\" \"tab\\x09here\"\n"), unit);
        assertTrue(unit.contains("WorkingDirectory=/srv/50%% off\n"), unit);
        Path file = Files.writeString(fx.path("app.service"), unit);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed (Debian's systemd package; .ci/run installs it)");
        Fixture.Result verify = fx.run(List.of("systemd-analyze", "verify", file.toString()));
        assertFalse(verify.stderr().contains("app.service:"), "systemd finds nothing wrong in the unit: " + verify);
    }

    @Test
    void namesFollowSystemdsRulesAndNeverReachOutsideTheUnitDirectory() throws IOException {
        Path units = Files.createDirectories(fx.path("units"));
        Path outside = Files.writeString(Files.createDirectories(fx.path("other")).resolve("x.service"), "[Unit]\n");
        Fixture.Result traversal = cli("service", "uninstall", "--name", "../other/x", "--unit-dir", units.toString());
        assertEquals(1, traversal.exit(), traversal.toString());
        assertTrue(traversal.stderr().startsWith("daemoniker: '../other/x' is not a service name"), traversal.toString());
        assertEquals("[Unit]\n", Files.readString(outside));
        Fixture.Result template = cli("service", "install", "--name", "getty@", "--unit-dir", units.toString(), "sleep", "1");
        assertEquals("daemoniker: 'getty@' has an @, which makes it a systemd template or an instance of one:"
                + " Daemoniker writes plain services; choose a name without @\n", template.stderr());
        Fixture.Result dash = cli("service", "print", "--name", "-app", "sleep", "1");
        assertTrue(dash.stderr().startsWith("daemoniker: '-app' is not a service name"), dash.toString());
        Fixture.Result escaped = cli("service", "print", "--name", "my\\x2dapp", "sleep", "1");
        assertEquals(0, escaped.exit(), "systemd-escape's form is a name: " + escaped);
        assertEquals(List.of(), List.of(units.toFile().list()), "nothing was written");
    }

    @Test
    void aUnitIsNeverInstalledOverOneOfTheSameNameAnywhereOnSystemdsSearchPath() throws IOException {
        Path units = fx.path("units");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/lib/systemd/system/systemd-journald.service")),
                "systemd is not installed (.ci/run installs it)");
        Fixture.Result vendor = cli("service", "install", "--name", "systemd-journald", "--unit-dir", units.toString(),
                "sleep", "1");
        assertEquals(1, vendor.exit(), vendor.toString());
        assertTrue(vendor.stderr().startsWith("daemoniker: a unit systemd-journald.service that Daemoniker did not"
                + " write is in /"), vendor.toString());
        assertFalse(Files.exists(units.resolve("systemd-journald.service")));

        Path search = Files.createDirectories(fx.path("search/app.service.d"));
        Files.writeString(search.resolve("override.conf"), "[Service]\nEnvironment=X=1\n");
        Fixture.Result dropIns = fx.run(Fixture.cliCommand("service", "install", "--name", "app", "--unit-dir",
                units.toString(), "sleep", "1"), Map.of("SYSTEMD_UNIT_PATH", fx.path("search").toString()));
        assertEquals(1, dropIns.exit(), dropIns.toString());
        assertTrue(dropIns.stderr().startsWith("daemoniker: drop-ins for app.service are in " + search + ", made for"
                + " another unit of this name"), dropIns.toString());

        Fixture.Result fresh = cli("service", "install", "--name", "app", "--unit-dir", units.toString(), "sleep", "1");
        assertEquals(0, fresh.exit(), fresh.toString());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(units.resolve("app.service"))), "as systemd's own units");
    }

    /**
     * A unit never waits for a READY=1 its program cannot send: Type=notify only for a Java program
     * with Daemoniker on its class path, Type=exec for any other, as --type says otherwise, each with
     * its reason in the unit; PrivateTmp is left out, saying so, where it would hide the program's files.
     */
    @Test
    void theTypeFollowsWhatTheProgramCanSayAndPrivateTmpNeverHidesItsFiles() throws IOException {
        String exec = cli("service", "print", "--name", "other", "--chdir", "/", "sleep", "1000").stdout();
        assertTrue(exec.contains(" is not a Java program with Daemoniker on its class path, so nothing would say READY=1"
                + " (daemoniker service --type notify if it does)\nType=exec\n"), exec);
        assertFalse(exec.contains("NotifyAccess"), exec);
        String javaWithout = cli("service", "print", "--name", "other", "--chdir", "/", Fixture.java(), "-cp",
                "/opt/app/app.jar", "app.Main").stdout();
        assertTrue(javaWithout.contains("Type=exec\n"), javaWithout);
        String daemoniker = cli("service", "print", "--name", "app", "--chdir", "/", Fixture.java(), "-cp",
                String.join(java.io.File.pathSeparator, Fixture.classPath()), Fixture.MAIN).stdout();
        assertTrue(daemoniker.contains("# Type=notify: the program's class path holds Daemoniker, which stays in the"
                + " foreground and says READY=1 itself once it is up\nType=notify\nNotifyAccess=main\n"), daemoniker);
        String asked = cli("service", "print", "--name", "other", "--type", "notify", "sleep", "1000").stdout();
        assertTrue(asked.contains("# Type=notify, as asked\nType=notify\n"), asked);
        Fixture.Result wrong = cli("service", "print", "--name", "other", "--type", "forking", "sleep", "1000");
        assertEquals("daemoniker: --type takes one of notify, exec, not 'forking'\n", wrong.stderr());

        String hidden = cli("service", "print", "--name", "other", "--chdir", dir.toString(), "sleep", "1000").stdout();
        assertFalse(hidden.contains("PrivateTmp=yes"), hidden);
        assertTrue(hidden.contains("# PrivateTmp is left out: " + dir + " is in a temporary directory, which it would"
                + " hide from the service\n"), hidden);
        assertTrue(exec.contains("PrivateTmp=yes\n"), exec);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed (Debian's systemd package; .ci/run installs it)");
        for (String unit : List.of(exec, asked, hidden)) {
            Path file = Files.writeString(fx.path("other.service"), unit);
            Fixture.Result verify = fx.run(List.of("systemd-analyze", "verify", file.toString()));
            assertFalse(verify.stderr().contains("other.service:"), "systemd finds nothing wrong: " + verify);
        }
    }

    /**
     * --watchdog sets WatchdogSec= on a Daemoniker app's unit (restarted on failure, as every unit);
     * a program that cannot say WATCHDOG=1, an interval under a second and launchd are refused in
     * one sentence, nothing printed.
     */
    @Test
    void theWatchdogIsForProgramsThatSayTheyAreAlive() {
        String unit = cli("service", "print", "--name", "app", "--chdir", "/", "--watchdog", "30s", Fixture.java(), "-cp",
                String.join(java.io.File.pathSeparator, Fixture.classPath()), Fixture.MAIN).stdout();
        assertTrue(unit.contains("Type=notify\nNotifyAccess=main\n# ended with SIGABRT and restarted (Restart=on-failure)"
                + " when WATCHDOG=1 stops coming\nWatchdogSec=30000ms\n"), unit);
        assertTrue(unit.contains("Restart=on-failure\n"), unit);
        Fixture.Result other = cli("service", "print", "--name", "other", "--watchdog", "30s", "sleep", "1000");
        assertTrue(other.stderr().matches("daemoniker: a watchdog needs a program that says WATCHDOG=1: /\\S*/sleep is not a"
                + " Java program with Daemoniker on its class path, so systemd would end it every 30000 ms \\(--type notify"
                + " if it says it\\)\n"), other.stderr());
        assertEquals("", other.stdout());
        Fixture.Result quick = cli("service", "print", "--name", "other", "--type", "notify", "--watchdog", "500ms",
                "sleep", "1000");
        assertEquals("daemoniker: a watchdog interval of 500 ms is too short: the daemon is told at half of it, and a JVM"
                + " may stand still longer (give 1 s or more)\n", quick.stderr());
        Fixture.Result launchd = cli("service", "print", "--name", "other", "--launchd", "--watchdog", "30s", "sleep", "1");
        assertEquals("daemoniker: --watchdog is systemd's: launchd has no watchdog (a health check given to"
                + " Daemoniker.watchdog runs only under systemd or as a Windows service)\n", launchd.stderr());
    }

    /**
     * --listen writes a socket unit beside the service, which requires it; both are installed and
     * removed together; an address systemd would not take, and launchd, are refused in one sentence.
     */
    @Test
    void aSocketUnitIsWrittenInstalledAndRemovedWithItsService() throws IOException {
        Path units = fx.path("units");
        String print = cli("service", "print", "--name", "app", "--unit-dir", units.toString(), "--listen",
                "127.0.0.1:8080", "sleep", "1000").stdout();
        assertTrue(print.startsWith("# ==> " + units.resolve("app.service") + " <==\n# Written by Daemoniker"), print);
        assertTrue(print.contains("\nRequires=app.socket\nAfter=app.socket\n"), print);
        assertTrue(print.contains("\n\n# ==> " + units.resolve("app.socket") + " <==\n# Written by Daemoniker (daemoniker"
                + " service install): install it again to change it.\n[Unit]\nDescription=app's socket (a Daemoniker"
                + " service)\n\n[Socket]\n# systemd listens, and starts app.service on the first connection, handing it"
                + " the socket\nListenStream=127.0.0.1:8080\n\n[Install]\nWantedBy=sockets.target\n"), print);

        Fixture.Result install = cli("service", "install", "--name", "app", "--unit-dir", units.toString(), "--listen",
                "127.0.0.1:8080", "sleep", "1000");
        assertEquals("installed " + units.resolve("app.service") + " and " + units.resolve("app.socket") + ": now run"
                + " systemctl daemon-reload && systemctl enable --now app.socket\n", install.stdout());
        assertTrue(Files.readString(units.resolve("app.socket")).contains("ListenStream=127.0.0.1:8080\n"));
        Fixture.Result removed = cli("service", "uninstall", "--name", "app", "--unit-dir", units.toString());
        assertEquals("removed " + units.resolve("app.service") + " and " + units.resolve("app.socket") + " (stop and"
                + " disable it first if it ran: systemctl disable --now app.socket app)\n", removed.stdout());
        assertFalse(Files.exists(units.resolve("app.socket")));

        for (String bad : List.of("8080x", "127.0.0.1:70000", "relative.sock", "/a b.sock", "0")) {
            Fixture.Result refused = cli("service", "print", "--name", "app", "--listen", bad, "sleep", "1000");
            assertEquals(1, refused.exit(), refused.toString());
            assertTrue(refused.stderr().startsWith("daemoniker: '" + bad + "' is not an address to listen on: give a"
                    + " port (8080)"), refused.stderr());
            assertEquals("", refused.stdout());
        }
        Fixture.Result launchd = cli("service", "print", "--name", "app", "--launchd", "--listen", "8080", "sleep", "1");
        assertEquals("daemoniker: --listen is systemd's socket activation: a launchd job's Sockets are not written by"
                + " Daemoniker\n", launchd.stderr());
    }

    /** The logrotate snippet takes the unit's rules: every value quoted, or refused in one sentence. */
    @Test
    void theLogrotateSnippetQuotesEveryValueOrRefusesIt() {
        String snippet = cli("service", "logrotate", "--pid-file", "/run/it's.pid", "/var/log/my app.log").stdout();
        assertTrue(snippet.contains("\n\"/var/log/my app.log\"\n{\n"), snippet);
        assertTrue(snippet.contains(" send --pid-file '/run/it'\\''s.pid' USR1 > /dev/null\n"), snippet);
        Fixture.Result pattern = cli("service", "logrotate", "--pid-file", "/run/a.pid", "/var/log/a*.log");
        assertEquals("daemoniker: the log /var/log/a*.log cannot be written into a logrotate configuration as it is (a"
                + " control character, a quote, a backslash, or a pattern character logrotate would expand): give a plain"
                + " path\n", pattern.stderr());
        Fixture.Result line = cli("service", "logrotate", "--pid-file", "/run/a.pid", "/var/log/a\n}\n/etc/x {");
        assertEquals(1, line.exit(), line.toString());
        Fixture.Result signal = cli("service", "logrotate", "--pid-file", "/run/a.pid", "--signal", "TERM", "/var/log/a.log");
        assertEquals("daemoniker: logs are reopened on SIGHUP, SIGUSR1 or SIGUSR2, not on SIGTERM, which has a meaning of"
                + " its own\n", signal.stderr());
    }

    /** The plist as Python's plistlib reads it, as JSON (the keys launchd reads, each checked). */
    private String parsedPlist(String plist) throws IOException {
        Path file = Files.writeString(fx.path("job.plist"), plist);
        Fixture.Result parsed = fx.run(List.of("python3", "-c", "import json, plistlib, sys\n"
                + "print(json.dumps(plistlib.load(open(sys.argv[1], 'rb')), sort_keys=True))", file.toString()));
        assertEquals(0, parsed.exit(), parsed.toString());
        return parsed.stdout().strip();
    }

    /**
     * A launchd job (never run on a Mac here): the printed plist, read by a plist parser, holds each
     * key with the values given, escaped as XML needs; installed and removed only as Daemoniker's own.
     */
    @Test
    void aLaunchdJobIsAPlistOfLaunchdsKeysInstalledOnlyOverItsOwn() throws IOException {
        Fixture.Result print = cli("service", "print", "--launchd", "--name", "io.example.hb", "--run-as", "daemon",
                "--chdir", "/srv", "--stdout", "/var/log/hb.log", "--stderr", "/var/log/hb.err", "--", "sleep",
                "a&b <c> \"d\" 50%", "line\nbreak");
        assertEquals(0, print.exit(), print.toString());
        String sleep = Path.of(cli("service", "print", "--name", "x", "sleep", "1").stdout().lines()
                .filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow().substring(10).split(" ")[0]).toString();
        assertEquals("{\"KeepAlive\": {\"SuccessfulExit\": false}, \"Label\": \"io.example.hb\","
                        + " \"ProgramArguments\": [\"" + sleep + "\", \"a&b <c> \\\"d\\\" 50%\", \"line\\nbreak\"],"
                        + " \"RunAtLoad\": true, \"StandardErrorPath\": \"/var/log/hb.err\", \"StandardOutPath\":"
                        + " \"/var/log/hb.log\", \"ThrottleInterval\": 5, \"UserName\": \"daemon\", \"WorkingDirectory\":"
                        + " \"/srv\"}", parsedPlist(print.stdout()));

        Path agents = fx.path("LaunchAgents");
        String[] install = {"service", "install", "--launchd", "--user", "--name", "io.example.hb", "--unit-dir",
            agents.toString(), "sleep", "1000"};
        Fixture.Result installed = cli(install);
        assertEquals("installed " + agents.resolve("io.example.hb.plist") + ": now run launchctl bootstrap gui/$(id -u) "
                + agents.resolve("io.example.hb.plist") + "\n", installed.stdout(), installed.toString());
        assertFalse(Files.readString(agents.resolve("io.example.hb.plist")).contains("UserName"), "an agent runs as you");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(agents.resolve("io.example.hb.plist"))));
        assertTrue(cli(install).stdout().startsWith("unchanged: "));
        assertTrue(cli("service", "uninstall", "--launchd", "--user", "--name", "io.example.hb", "--unit-dir",
                agents.toString()).stdout().startsWith("removed " + agents.resolve("io.example.hb.plist")));
        Files.writeString(agents.resolve("io.example.hb.plist"), "<plist/>\n");
        Fixture.Result over = cli(install);
        assertEquals("daemoniker: the plist " + agents.resolve("io.example.hb.plist") + " was not written by Daemoniker:"
                + " it is left as it is; choose another label, or remove it yourself\n", over.stderr());
        assertEquals("<plist/>\n", Files.readString(agents.resolve("io.example.hb.plist")));

        Fixture.Result label = cli("service", "print", "--launchd", "--name", "../evil", "sleep", "1");
        assertTrue(label.stderr().startsWith("daemoniker: '../evil' is not a launchd label"), label.toString());
        Fixture.Result control = cli("service", "print", "--launchd", "--name", "io.example.x", "sleep", "a\rb");
        assertTrue(control.stderr().startsWith("daemoniker: an argument 'a?b' holds a control character a plist cannot"
                + " hold as it is"), control.toString());
    }
}
