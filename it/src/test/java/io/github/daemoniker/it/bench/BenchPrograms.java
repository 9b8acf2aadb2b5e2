package io.github.daemoniker.it.bench;

import io.github.daemoniker.it.fixtures.StartTargets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The programs the benchmarks run, as {@link StartTargets} commands: from the build's class
 * directories (the library's own form), or as real programs ship, the library and the program as
 * jars; and the wait for a daemon to be gone.
 */
final class BenchPrograms {
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final Path dir;
    final String testClasses;
    final String classDirectories;
    final String jars;

    BenchPrograms(Path build, String name) throws IOException {
        dir = Files.createTempDirectory(name);
        testClasses = build.resolve("test-classes").toString();
        List<String> classPath = new ArrayList<>(List.of(build.resolve("classes").toString(), testClasses));
        List<String> dependencies = Arrays.asList(Files.readString(build.resolve("runtime-classpath.txt")).strip()
                .split(File.pathSeparator));
        classPath.addAll(dependencies);
        classDirectories = String.join(File.pathSeparator, classPath);
        List<String> jarPath = new ArrayList<>(List.of(libraryJar(build).toString(), fixturesJar(build).toString()));
        jarPath.addAll(dependencies);
        jars = String.join(File.pathSeparator, jarPath);
    }

    /** {@code java StartTargets MODE...} with {@code classPath}. */
    List<String> target(String classPath, String... mode) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                StartTargets.class.getName()));
        command.addAll(List.of(mode));
        return command;
    }

    /** The library's jar as {@code mvn verify} built it. */
    private static Path libraryJar(Path build) throws IOException {
        try (var files = Files.list(build)) {
            return files.filter(f -> f.getFileName().toString().matches("daemoniker-[0-9].*(?<!-sources|-javadoc)\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no library jar in " + build
                            + ": run mvn verify first"));
        }
    }

    /** The fixtures, compressed into a jar as a build tool packs a program. */
    private Path fixturesJar(Path build) throws IOException {
        Path jar = dir.resolve("fixtures.jar");
        Path classes = build.resolve("test-classes");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), new Manifest());
             var files = Files.walk(classes.resolve("io/github/daemoniker/it/fixtures"))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Until the process has exited: a zombie waiting for whoever adopted it (a slow reaper as PID 1) counts as gone. */
    static void awaitGone(long pid) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        long start = System.nanoTime();
        while (process.isPresent() && process.get().isAlive() && !zombie(pid)) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("process " + pid + " did not exit");
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    private static boolean zombie(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (NoSuchFileException e) {
            return true;
        }
    }
}
