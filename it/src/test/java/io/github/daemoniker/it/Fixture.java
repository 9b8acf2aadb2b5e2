package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.daemoniker.it.fixtures.FixtureDaemon;
import io.github.daemoniker.it.fixtures.SignalDaemon;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts fixture programs as real processes, each tagged through its environment with the test's
 * own directory, so that {@link #reap()} finds and kills every process a test started, daemons
 * included, whatever happened.
 */
final class Fixture {
    static final String TAG_VARIABLE = "DAEMONIKER_IT_TAG";
    static final Path BUILD = Path.of(System.getProperty("daemoniker.build.dir", "target")).toAbsolutePath();
    static final String MAIN = FixtureDaemon.class.getName();

    final Path dir;

    Fixture(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The fixture's class path: this build's classes and the library's runtime dependencies. */
    static List<String> classPath() {
        List<String> entries = new ArrayList<>(List.of(BUILD.resolve("classes").toString(),
                BUILD.resolve("test-classes").toString()));
        entries.addAll(runtimeDependencies());
        return entries;
    }

    static List<String> runtimeDependencies() {
        try {
            // under Wine, the build's list as the Windows JVM spells it (Z:\... paths, ';')
            String text = Files.readString(BUILD.resolve(System.getProperty("daemoniker.classpath.file",
                    "runtime-classpath.txt"))).strip();
            return Arrays.asList(text.split(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("run the build's generate-test-resources phase first", e);
        }
    }

    /**
     * The class path copied into the test directory, which is opened to everyone: for fixtures
     * that run as, or drop to, an unprivileged user, who cannot read the build's own copy.
     */
    List<String> readableClassPath() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path copy = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : classPath()) {
            Path from = Path.of(entry);
            Path target = copy.resolve(i++ + "-" + from.getFileName());
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Files.copy(path, target.resolve(from.relativize(path).toString()));
                }
            }
            entries.add(target.toString());
        }
        return entries;
    }

    /** {@code command} run as nobody (uid and gid 65534, no supplementary groups), its environment kept. */
    static List<String> asNobody(List<String> command) {
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        asNobody.addAll(command);
        return asNobody;
    }

    /**
     * The arguments (argv without argv[0]) a daemon started by {@code command}, which says nothing
     * of native access, runs with: the same, plus the README's one addition on JDK 24 and later.
     */
    static List<String> relaunchedArguments(List<String> command) {
        List<String> expected = new ArrayList<>(command.subList(1, command.size()));
        if (Runtime.version().feature() >= 24) {
            expected.add(0, "--enable-native-access=ALL-UNNAMED");
        }
        return expected;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** java [native access] -cp CP FixtureDaemon key=value... */
    List<String> command(String... settings) {
        return command(FixtureDaemon.class, settings);
    }

    /** java [native access] -cp CP MAIN key=value... */
    static List<String> command(Class<?> main, String... settings) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, classPath()), main.getName()));
        command.addAll(Arrays.asList(settings));
        return command;
    }

    /** The signal daemon fixture, its events in this test's directory. */
    List<String> signalDaemon(String... settings) {
        List<String> command = command(SignalDaemon.class, "dir=" + dir);
        command.addAll(Arrays.asList(settings));
        return command;
    }

    /** Runs the command-line tool, as an operator would: java -jar daemoniker-cli.jar ARGS. */
    Result cli(String... args) {
        return run(cliCommand(args));
    }

    /** java -jar daemoniker-cli.jar ARGS. */
    static List<String> cliCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", BUILD.resolve("daemoniker-cli.jar").toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The events the signal daemon fixture has written so far. */
    List<String> events() throws IOException {
        Path events = path("events");
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** The usual settings: pid file, report and counter in the test directory. */
    String[] settings(String... extra) {
        return Stream.concat(Stream.of("pidfile=" + path("daemon.pid"), "report=" + path("report"),
                "counter=" + path("counter")), Stream.of(extra)).toArray(String[]::new);
    }

    Result run(List<String> command) {
        return run(command, Map.of());
    }

    Result run(List<String> command, Map<String, String> environment) {
        return run(command, environment, dir, 90);
    }

    /** Tagged, and without a supervisor's variables, which would keep fixtures in the foreground. */
    private ProcessBuilder builder(List<String> command, Map<String, String> environment, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put(TAG_VARIABLE, dir.toString());
        builder.environment().remove("INVOCATION_ID");
        builder.environment().remove("NOTIFY_SOCKET");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Starts {@code command} without waiting, its stdout and stderr in the test directory's {@code name}.out. */
    Process start(List<String> command, Map<String, String> environment, String name) throws IOException {
        return builder(command, environment, dir).redirectErrorStream(true)
                .redirectOutput(path(name + ".out").toFile()).start();
    }

    /** Runs {@code command} in {@code directory}, failing the test if it takes over {@code seconds}. */
    Result run(List<String> command, Map<String, String> environment, Path directory, int seconds) {
        ProcessBuilder builder = builder(command, environment, directory);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the fixture did not exit within " + seconds + " s: " + command);
            }
            // the daemon may still hold the pipes if it failed to redirect; don't wait on it
            return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("running " + command + " failed", e);
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            // read, not readAllBytes: under Wine a FileInputStream's readAllBytes asks a pipe for its
            // size, which fails ("Invalid function")
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(bytes);
            } catch (IOException e) {
                bytes.writeBytes(("[reading the stream failed: " + e + "]").getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toString(StandardCharsets.UTF_8);
        });
    }

    /** Ends each of {@code pids} that is still alive, then fails the test if one was: nothing may be left running. */
    static void requireNoneLeft(List<Long> pids) {
        List<Long> alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), alive, "processes left running by the test");
    }

    /** The pids of live processes this test started. */
    List<Long> processes() {
        String tag = TAG_VARIABLE + "=" + dir + "\0";
        return ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> {
                    try {
                        return ProcInfo.alive(pid) && new ProcInfo(pid).environment().contains(tag);
                    } catch (AssertionError e) {
                        return false;
                    }
                })
                .collect(Collectors.toList());
    }

    /** Kills every process this test started and returns how many were still running. */
    int reap() {
        List<Long> left = processes();
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return left.size();
    }

    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
