package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.it.fixtures.FixtureDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications packaged the ways Java applications ship, each started as its users start it and
 * looked at from outside: a jlink image of exactly the modules the README lists (and one without a
 * module it needs), a jpackage app image (a native launcher, not {@code java}), and a Spring Boot
 * executable jar built by Spring Boot's own Maven plugin. The original process ends with status 0
 * and says nothing; the daemon runs the same program; status and stop work on it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it inspects daemons through Linux's /proc")
class PackagedAppsIT extends DaemonTestSupport {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    static Path shared;

    /** The library, its dependencies and the fixtures, as jars. */
    private static Path jars;
    /** jlink images: of the README's modules, and of those without java.logging. */
    private static Path image;
    private static Path imageWithoutLogging;

    /** The JDK modules the README says the library needs, read from its line that lists them. */
    static List<String> readmeModules() throws IOException {
        String line = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("The library needs the JDK modules")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md lists no JDK modules"));
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("`((?:java|jdk)\\.[a-z.]+)`").matcher(line);
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    @BeforeAll
    static void buildTheApplications() throws Exception {
        jars = Files.createDirectories(shared.resolve("jars"));
        Files.copy(Path.of(System.getProperty("daemoniker.jar")), jars.resolve("daemoniker.jar"));
        for (String dependency : Fixture.runtimeDependencies()) {
            Files.copy(Path.of(dependency), jars.resolve(Path.of(dependency).getFileName()));
        }
        run(List.of(JAVA_HOME.resolve("bin/jar").toString(), "cf", jars.resolve("fixture.jar").toString(), "-C",
                Fixture.BUILD.resolve("test-classes").toString(), "io/github/daemoniker/it/fixtures"));
        List<String> modules = readmeModules();
        image = jlink(shared.resolve("image"), modules);
        List<String> withoutLogging = new ArrayList<>(modules);
        withoutLogging.remove("java.logging");
        imageWithoutLogging = jlink(shared.resolve("image-without-logging"), withoutLogging);
    }

    private static Path jlink(Path output, List<String> modules) throws Exception {
        run(List.of(JAVA_HOME.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", output.toString()));
        return output;
    }

    private static void run(List<String> command) throws Exception {
        run(command, Path.of("").toAbsolutePath());
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), command + " failed: " + said);
    }

    private static String classPath() throws IOException {
        try (var entries = Files.list(jars)) {
            return String.join(File.pathSeparator, entries.map(Path::toString).sorted().toList());
        }
    }

    /**
     * The daemon runs {@code command} again, the same JVM options and arguments, plus only the
     * README's listed addition: on JDK 24+, native access where the command line does not give it.
     */
    private static void assertRunsTheSame(List<String> command, long pid) {
        List<String> argv = new ProcInfo(pid).commandLine();
        assertEquals(Fixture.relaunchedArguments(command), argv.subList(1, argv.size()));
    }

    /** Status and stop, from the command-line tool, on the daemon of {@code pidFile}. */
    private void assertOperable(Path pidFile, long pid) {
        Fixture.Result status = fx.cli("status", "--pid-file", pidFile.toString());
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.stdout().startsWith("running, pid " + pid), status.toString());
        Fixture.Result stop = fx.cli("stop", "--pid-file", pidFile.toString());
        assertEquals("stopped, pid " + pid + "\n", stop.stdout(), stop.toString());
        assertFalse(ProcInfo.alive(pid));
    }

    @Test
    void aJlinkImageOfTheModulesTheReadmeListsDaemonizesWithArguments() throws IOException {
        Path log = fx.path("daemon.log");
        List<String> command = new ArrayList<>(List.of(image.resolve("bin/java").toString(), "-cp", classPath(),
                FixtureDaemon.class.getName()));
        command.addAll(List.of(fx.settings("stdout=" + log, "stderr=" + log)));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"), "the daemon lives past ready, its native layer loaded");
        assertEquals("7", report().get("argc"), "the arguments crossed over through Kryo");
        assertEquals(image.resolve("bin/java").toRealPath(), Path.of("/proc/" + pid + "/exe").toRealPath());
        assertRunsTheSame(command, pid);
        assertOperable(fx.path("daemon.pid"), pid);
    }

    @Test
    void aJlinkImageWithoutAModuleTheDaemonNeedsIsRefusedBeforeAnythingStarts() throws IOException {
        List<String> command = new ArrayList<>(List.of(imageWithoutLogging.resolve("bin/java").toString(), "-cp",
                classPath(), FixtureDaemon.class.getName()));
        command.addAll(List.of(fx.settings()));
        assertRefusedBeforeAnythingStarts(fx.run(command), "this Java runtime lacks the module java.logging, which the"
                + " daemon needs (Daemoniker needs java.base, java.logging, jdk.unsupported): add it to the runtime"
                + " image, as jlink --add-modules java.logging");
    }

    /** A fat jar of the fixture, the library and every dependency, as the shade or assembly plugins make one. */
    @Test
    void aFatJarStartedWithJavaJarDaemonizesWithArguments() throws Exception {
        Path staging = Files.createDirectories(fx.path("fat"));
        try (var entries = Files.list(jars)) {
            for (Path jar : entries.toList()) {
                run(List.of(JAVA_HOME.resolve("bin/jar").toString(), "xf", jar.toString()), staging);
            }
        }
        Files.deleteIfExists(staging.resolve("META-INF/MANIFEST.MF"));
        Path fat = fx.path("app-all.jar");
        run(List.of(JAVA_HOME.resolve("bin/jar").toString(), "cfe", fat.toString(), FixtureDaemon.class.getName(), "-C",
                staging.toString(), "."));
        Path log = fx.path("daemon.log");
        List<String> command = new ArrayList<>(List.of(Fixture.java(), "-jar", fat.toString()));
        command.addAll(List.of(fx.settings("stdout=" + log, "stderr=" + log)));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals("7", report().get("argc"));
        assertFalse(Files.readString(log).contains("WARNING"), Files.readString(log));
        assertRunsTheSame(command, pid);
        assertOperable(fx.path("daemon.pid"), pid);
    }

    /** A jpackage app image: its native launcher relaunched as it is, without the marker that would derail it. */
    @Test
    void aJpackageAppImageDaemonizesAsItIs() throws Exception {
        Path out = fx.path("app-image");
        run(List.of(JAVA_HOME.resolve("bin/jpackage").toString(), "--type", "app-image", "--input", jars.toString(),
                "--main-jar", "fixture.jar", "--main-class", FixtureDaemon.class.getName(), "--name", "fixture",
                "--runtime-image", image.toString(), "--dest", out.toString()));
        Path launcher = out.resolve("fixture/bin/fixture");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(fx.settings()));
        Fixture.Result parent = fx.run(command);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr());
        long pid = pidFromFile(fx.path("daemon.pid"));
        assertEquals(String.valueOf(pid), report().get("pid"));
        ProcInfo daemon = new ProcInfo(pid);
        assertEquals(launcher.toRealPath(), Path.of("/proc/" + pid + "/exe").toRealPath(), "the app's own launcher");
        assertEquals(command, daemon.commandLine(), "exactly the command it was started with");
        assertFalse(daemon.environment().contains("_JPACKAGE_LAUNCHER="), "the launcher's marker is the one change");
        assertOperable(fx.path("daemon.pid"), pid);
    }

    /**
     * A Spring Boot executable jar, built by spring-boot-maven-plugin against the library as it is
     * installed into the local Maven repository: its JarLauncher calls main by reflection, and its
     * LaunchedClassLoader loads the record argument that crosses over.
     */
    @Test
    void aSpringBootExecutableJarDaemonizesAndItsOriginalProcessEndsCleanly() throws Exception {
        Path app = shared.resolve("boot");
        run(List.of("mvn", "-B", "-q", "install:install-file", "-Dfile=" + System.getProperty("daemoniker.jar"),
                "-DpomFile=pom.xml"));
        run(List.of("mvn", "-B", "-q", "package", "-f", "it/apps/spring-boot/pom.xml", "-Dapp.build.dir=" + app));
        Path log = fx.path("boot.log");
        Path pidFile = fx.path("daemon.pid");
        List<String> command = List.of(Fixture.java(), "-jar", app.resolve("boot-daemon.jar").toString(),
                pidFile.toString(), fx.path("report").toString(), log.toString());
        Fixture.Result parent = fx.run(command, Map.of(), dir, 120);
        assertEquals(0, parent.exit(), parent.toString());
        assertEquals("", parent.stderr(), "nothing of the library's");
        long pid = pidFromFile(pidFile);
        Map<String, String> report = report();
        assertEquals(String.valueOf(pid), report.get("pid"));
        assertEquals("Endpoint[host=localhost, port=8080]", report.get("arg0"));
        assertEquals("org.springframework.boot.loader.launch.LaunchedClassLoader", report.get("loader"));
        assertEquals("true", report.get("context"), "the Spring context runs in the daemon");
        assertFalse(Files.readString(log).contains("WARNING"), Files.readString(log));
        assertRunsTheSame(command, pid);
        assertOperable(pidFile, pid);
    }
}
