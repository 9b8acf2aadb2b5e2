package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Every way of starting a JVM relaunches exactly: the same binary, the same argv. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class LaunchFormsIT extends DaemonTestSupport {

    /** A whole program in one source, for the module and source-launcher forms: the try-block form. */
    private static final String PROGRAM = String.join("\n",
            "import io.github.daemoniker.Daemonized;",
            "import io.github.daemoniker.Daemonizer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.CountDownLatch;",
            "public class Main {",
            "    public static void main(String[] a) throws Exception {",
            "        Object[] args;",
            "        try (Daemonizer daemonizer = new Daemonizer()) {",
            "            Daemonized d = daemonizer.daemonize(Path.of(a[0]), \"relaunched\", 7);",
            "            args = d.args();",
            "        }",
            "        Files.writeString(Path.of(a[1]), \"pid=\" + ProcessHandle.current().pid() + \"\\narg0=\" + args[0] + \"\\n\");",
            "        new CountDownLatch(1).await();",
            "    }",
            "}", "");

    /** The daemon runs the same binary with exactly the arguments of {@code command}. */
    private void assertRelaunchedExactly(List<String> command) throws IOException {
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"));
        List<String> argv = new ProcInfo(pid).commandLine();
        assertEquals(Path.of(Fixture.java()).toRealPath().toString(), argv.get(0));
        assertEquals(command.subList(1, command.size()), argv.subList(1, argv.size()));
    }

    private void runAndCheck(List<String> command) throws IOException {
        started(command);
        assertOperable();
    }

    /** The original process ends with 0 and says nothing; the daemon runs exactly {@code command}. */
    private void started(List<String> command) throws IOException {
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr(), "the original process says nothing: " + parent);
        assertRelaunchedExactly(command);
    }

    /** Status and stop, from the command-line tool, work on the daemon of daemon.pid. */
    private void assertOperable() {
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(0, fx.cli("status", "--pid-file", fx.path("daemon.pid").toString()).exit());
        assertEquals("stopped, pid " + pid + "\n", fx.cli("stop", "--pid-file", fx.path("daemon.pid").toString()).stdout());
    }

    /**
     * JDK 24 and later, with no flag at all: the library gives its native layer access (the one
     * JVM option it adds, first, and listed in the README), so no warning reaches the terminal or
     * the daemon's log; with exactRelaunch, the command line is the user's to the byte.
     */
    @Test
    void withNoFlagNoNativeAccessWarningIsPrintedAnywhere() throws IOException {
        Path log = fx.path("daemon.log");
        List<String> command = new ArrayList<>(List.of(Fixture.java(), "-cp", String.join(File.pathSeparator,
                Fixture.classPath()), Fixture.MAIN));
        command.addAll(List.of(fx.settings("stdout=" + log, "stderr=" + log)));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"));
        assertFalse(Files.readString(log).contains("WARNING"), Files.readString(log));
        List<String> argv = new ProcInfo(pid).commandLine();
        assertEquals(Fixture.relaunchedArguments(command), argv.subList(1, argv.size()),
                "the command line, and only the README's additions");
    }

    @Test
    void aDeniedNativeAccessIsRefusedAtOnceNotDiscoveredAfterReady() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 24,
                "--illegal-native-access exists from JDK 24 on (CI runs this on Temurin 25)");
        List<String> command = new ArrayList<>(List.of(Fixture.java(), "--illegal-native-access=deny", "-cp",
                String.join(File.pathSeparator, Fixture.classPath()), Fixture.MAIN));
        command.addAll(List.of(fx.settings()));
        assertRefusedBeforeAnythingStarts(fx.run(command), "this JVM denies native access"
                + " (--illegal-native-access=deny), which the daemon's native layer (JNA) needs after ready: add"
                + " --enable-native-access=ALL-UNNAMED to the command line");
    }

    @Test
    void classPath() throws IOException {
        runAndCheck(fx.command(fx.settings()));
    }

    @Test
    void executableJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Fixture.MAIN);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Fixture.classPath().stream()
                .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        Path jar = fx.path("fixture.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).close();   // the manifest is the whole jar: its Class-Path brings the classes
        }
        List<String> command = new ArrayList<>(List.of(Fixture.java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                "fixture.jar"));
        command.addAll(List.of(fx.settings()));
        runAndCheck(command);
    }

    @Test
    void module() throws IOException {
        Path sources = Files.createDirectories(fx.path("src/fixture.mod/fixture/mod"));
        Files.writeString(sources.resolve("Main.java"), "package fixture.mod;\n" + PROGRAM);
        Files.writeString(fx.path("src/fixture.mod/module-info.java"),
                "module fixture.mod { requires io.github.daemoniker; }\n");
        List<String> modulePath = new ArrayList<>(List.of(System.getProperty("daemoniker.jar")));
        modulePath.addAll(Fixture.runtimeDependencies());
        String path = String.join(File.pathSeparator, modulePath);
        Fixture.Result compiled = fx.run(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--module-path", path, "-d", fx.path("mods/fixture.mod").toString(),
                sources.resolve("Main.java").toString(), fx.path("src/fixture.mod/module-info.java").toString()));
        assertEquals(0, compiled.exit(), "the module fixture must compile: " + compiled);
        List<String> command = List.of(Fixture.java(), "--enable-native-access=com.sun.jna",
                "-p", fx.path("mods") + File.pathSeparator + path, "-m", "fixture.mod/fixture.mod.Main",
                fx.path("daemon.pid").toString(), fx.path("report").toString());
        runAndCheck(command);
        assertEquals("relaunched", report().get("arg0"));
    }

    @Test
    void sourceFileLauncher() throws IOException {
        Files.writeString(fx.path("Main.java"), PROGRAM);
        List<String> command = List.of(Fixture.java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, Fixture.classPath()), "Main.java",
                fx.path("daemon.pid").toString(), fx.path("report").toString());
        runAndCheck(command);
        assertEquals("relaunched", report().get("arg0"));
    }

    @Test
    void relativeArgumentFileIsReadBeforeTheDaemonChangesDirectory() throws IOException {
        Files.writeString(fx.path("java.args"), "--enable-native-access=ALL-UNNAMED\n-cp \""
                + String.join(File.pathSeparator, Fixture.classPath()) + "\"\n");
        List<String> command = new ArrayList<>(List.of(Fixture.java(), "@java.args", Fixture.MAIN));
        command.addAll(List.of(fx.settings()));
        started(command);
        assertEquals(Path.of("/"), new ProcInfo(pidFromFile(fx.path("daemon.pid"))).workingDirectory());
        assertOperable();
    }

    @Test
    void jdkJavaOptionsApplyOnceInTheDaemon() throws IOException {
        List<String> command = fx.command(fx.settings());
        Fixture.Result parent = fx.run(command, Map.of("JDK_JAVA_OPTIONS", "-Ddaemoniker.fixture.marker=from-env"));
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("from-env", report().get("marker"));
        assertRelaunchedExactly(command);
    }

    @Test
    void aClassPathLongerThanProcessHandleReports() throws IOException {
        List<String> entries = new ArrayList<>(Fixture.classPath());
        for (int i = 0; i < 300; i++) {
            entries.add(fx.path("not-there-" + i + ".jar").toString());
        }
        String classPath = String.join(File.pathSeparator, entries);
        assertTrue(classPath.length() > 8192);
        List<String> command = fx.command(fx.settings());
        command.set(command.indexOf("-cp") + 1, classPath);
        runAndCheck(command);
    }

    @Test
    void stripCmdArgsRelaunchesWithoutTheProgramArguments() throws IOException {
        List<String> command = fx.command("extra=dropped", "another=dropped");
        String settings = String.join("\n", fx.settings("strip=yes"));
        Fixture.Result parent = fx.run(command, Map.of("FIXTURE_SETTINGS", settings));
        assertEquals(0, parent.exit(), parent.toString());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals("[]", report().get("argv"));
        List<String> argv = new ProcInfo(pid).commandLine();
        assertEquals(command.subList(1, command.size() - 2), argv.subList(1, argv.size()));
        assertFalse(argv.contains("extra=dropped"));
    }
}
