package io.github.daemoniker.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a daemon carries for the library: the resident memory and the classes of an idle daemon
 * {@value #SETTLE_MILLIS} ms after ready, against the same program as a plain JVM, the library
 * and the program as jars (see BENCHMARKS.md). Round by round, interleaved; medians. Arguments:
 * BUILD_DIR ROUNDS.
 */
public final class WeightBenchmark {
    /** The measure's own definition (how long after ready), not a wait for anything. */
    private static final long SETTLE_MILLIS = 3000;

    private final BenchPrograms programs;
    private final Map<String, List<Long>> kilobytes = new LinkedHashMap<>();
    private final Map<String, List<Long>> classes = new LinkedHashMap<>();

    private WeightBenchmark(Path build) throws IOException {
        programs = new BenchPrograms(build, "daemoniker-weight-bench");
    }

    public static void main(String[] args) throws Exception {
        WeightBenchmark bench = new WeightBenchmark(Path.of(args[0]).toAbsolutePath());
        int rounds = Integer.parseInt(args[1]);
        for (int round = 0; round < rounds; round++) {
            bench.round();
        }
        bench.report(rounds);
    }

    private void round() throws Exception {
        String pid = programs.dir.resolve("d.pid").toString();
        measure("the program as a plain JVM", programs.target(programs.jars, "idle"));
        measure("daemon, no argument", programs.target(programs.jars, "library-idle", pid));
        measure("daemon, four plain arguments and a log", programs.target(programs.jars, "library-real-idle", pid,
                programs.dir.resolve("daemon.log").toString()));
    }

    private void measure(String what, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // the first line: the plain program stays, with its stderr open
        String said = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (said == null) {
            throw new IllegalStateException(command + " said nothing");
        }
        long pid = Long.parseLong(said.strip());
        Thread.sleep(SETTLE_MILLIS);
        kilobytes.computeIfAbsent(what, k -> new ArrayList<>()).add(residentKilobytes(pid));
        classes.computeIfAbsent(what, k -> new ArrayList<>()).add(loadedClasses(pid));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        BenchPrograms.awaitGone(pid);
        process.waitFor();
        Files.deleteIfExists(programs.dir.resolve("d.pid"));
    }

    private static long residentKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** From the JVM's performance counters, read by jstat without attaching to it (an attach would load classes). */
    private long loadedClasses(long pid) throws Exception {
        Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                "-class", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().lines()
                .toList();
        jstat.waitFor();
        return Long.parseLong(lines.get(lines.size() - 1).strip().split("\\s+")[0]);
    }

    private void report(int rounds) {
        System.out.printf("java %s, %d cores, %d rounds, medians, %d ms after ready, the library and the program as"
                + " jars%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                SETTLE_MILLIS);
        double plain = median(kilobytes.get("the program as a plain JVM"));
        double plainClasses = median(classes.get("the program as a plain JVM"));
        for (String what : kilobytes.keySet()) {
            double rss = median(kilobytes.get(what));
            double loaded = median(classes.get(what));
            System.out.printf("| %s | %.1f MB (%+.1f MB) | %.0f classes (%+.0f) |%n", what, rss / 1024,
                    (rss - plain) / 1024, loaded, loaded - plainClasses);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
