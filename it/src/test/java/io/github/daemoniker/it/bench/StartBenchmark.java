package io.github.daemoniker.it.bench;

import io.github.daemoniker.it.fixtures.StartTargets;
import io.github.daemoniker.it.fixtures.StressParent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole start command, side by side with a bare JVM, the floor of a relaunching design and
 * the peers, interleaved round by round (see BENCHMARKS.md). Each time runs from
 * {@code ProcessBuilder.start()} to the command's exit with its daemon confirmed up, or, for the
 * starters that do not wait, to their return and to the moment the JVM wrote its pid. Between two
 * measurements the previous daemon is gone. Arguments: BUILD_DIR RUNS AKUMA_CLASS_PATH
 * JSVC_CLASS_PATH (an empty class path leaves that peer out).
 */
public final class StartBenchmark {
    private static final long TIMEOUT_NANOS = BenchPrograms.TIMEOUT_NANOS;

    private final BenchPrograms programs;
    private final Path dir;
    private final String java;
    private final String akumaClassPath;
    private final String jsvcClassPath;
    private final Map<String, List<Long>> micros = new LinkedHashMap<>();
    /** Starts that never came up, by program. */
    private final Map<String, Integer> hangs = new LinkedHashMap<>();

    private StartBenchmark(Path build, String akumaClassPath, String jsvcClassPath) throws IOException {
        programs = new BenchPrograms(build, "daemoniker-start-bench");
        dir = programs.dir;
        java = programs.java;
        this.akumaClassPath = akumaClassPath.isEmpty() ? "" : programs.testClasses + File.pathSeparator + akumaClassPath;
        this.jsvcClassPath = jsvcClassPath.isEmpty() ? "" : programs.testClasses + File.pathSeparator + jsvcClassPath;
    }

    public static void main(String[] args) throws Exception {
        StartBenchmark bench = new StartBenchmark(Path.of(args[0]).toAbsolutePath(), args.length > 2 ? args[2] : "",
                args.length > 3 ? args[3] : "");
        int runs = Integer.parseInt(args[1]);
        for (int round = -2; round < runs; round++) {
            bench.round(round >= 0);
        }
        bench.report(runs);
    }

    private void round(boolean counted) throws Exception {
        Path pid = dir.resolve("d.pid");
        Path up = dir.resolve("up");
        record("bare JVM", counted, returning(programs.target(programs.testClasses, "bare"), null));
        record("plain-Java relaunch that reports ready (floor)", counted,
                returning(programs.target(programs.testClasses, "floor", pid.toString()), pid));
        record("this library, no argument", counted, returning(programs.target(programs.classDirectories, "library", pid.toString()), pid));
        record("this library, one string argument", counted,
                returning(programs.target(programs.classDirectories, "library", pid.toString(), "argument"), pid));
        record("this library, jars, no argument", counted, returning(programs.target(programs.jars, "library", pid.toString()), pid));
        record("this library, jars, four plain arguments and a log", counted,
                returning(programs.target(programs.jars, "library-real", pid.toString(), dir.resolve("daemon.log").toString()), pid));
        if (!akumaClassPath.isEmpty()) {
            record("akuma 1.10, until its pid file exists", counted, untilPidFile(programs.target(akumaClassPath, "akuma",
                    pid.toString()), pid));
        }
        if (!jsvcClassPath.isEmpty()) {
            record("jsvc -wait 10", counted, jsvc(pid));
        }
        long[] setsid = notWaiting(List.of("setsid", "-f"), up);
        record("setsid -f, to its return", counted, setsid[0]);
        record("setsid -f, to the JVM up", counted, setsid[1]);
        // its own pid file, or it would take any running java for the daemon, "already running"
        Path ssdPid = dir.resolve("ssd.pid");
        long[] ssd = notWaiting(List.of("start-stop-daemon", "--start", "--background", "--make-pidfile", "--pidfile",
                ssdPid.toString(), "--exec", java, "--"), up);
        Files.delete(ssdPid);
        record("start-stop-daemon --background, to its return", counted, ssd[0]);
        record("start-stop-daemon --background, to the JVM up", counted, ssd[1]);
    }

    /** A command that returns once its daemon is up, and prints the daemon's pid (the bare JVM prints nothing). */
    private long returning(List<String> command, Path pidFile) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        String said = new String(output, StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new IllegalStateException(command + " failed with " + exit + ": " + said);
        }
        if (pidFile != null) {
            BenchPrograms.awaitGone(Long.parseLong(said));
            Files.deleteIfExists(pidFile);
        }
        return elapsed / 1000;
    }

    /**
     * The time until {@code command}'s daemon wrote its pid; -1 if it never did: akuma forks the
     * JVM and its child can deadlock on a lock another thread held at the fork (seen on JDK 17:
     * one thread left, in a futex wait, forever). Such a child is ended, by the pid file its
     * command line names, and the hang counted.
     */
    private long untilPidFile(List<String> command, Path pidFile) throws Exception {
        long start = System.nanoTime();
        Path output = dir.resolve("untilPidFile.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long pid;
        try {
            pid = awaitPid(pidFile, start);
        } catch (IllegalStateException e) {
            process.destroyForcibly().waitFor();
            ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                    .contains(pidFile.toString())).forEach(ProcessHandle::destroyForcibly);
            return -1;
        }
        long elapsed = System.nanoTime() - start;
        process.waitFor();
        BenchPrograms.awaitGone(pid);
        Files.delete(pidFile);
        return elapsed / 1000;
    }

    private long jsvc(Path pidFile) throws Exception {
        String home = System.getProperty("java.home");
        List<String> start = List.of("/usr/bin/jsvc", "-home", home, "-cp", jsvcClassPath, "-pidfile", pidFile.toString(),
                "-wait", "10", "-outfile", "/dev/null", "-errfile", "/dev/null", StartTargets.Jsvc.class.getName());
        long elapsed = returning(start, null);
        long pid = awaitPid(pidFile, System.nanoTime());
        List<String> stop = new ArrayList<>(start);
        stop.add(1, "-stop");
        returning(stop, null);
        BenchPrograms.awaitGone(pid);
        Files.deleteIfExists(pidFile);
        return elapsed;
    }

    /** {@code starter} then {@code java ... up FILE}: the time to the starter's return, and to the pid written. */
    private long[] notWaiting(List<String> starter, Path up) throws Exception {
        List<String> command = new ArrayList<>(starter);
        List<String> target = programs.target(programs.testClasses, "up", up.toString());
        command.addAll(starter.contains("--exec") ? target.subList(1, target.size()) : target);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        long returned = System.nanoTime() - start;
        long pid = awaitPid(up, start);
        long isUp = System.nanoTime() - start;
        BenchPrograms.awaitGone(pid);
        Files.delete(up);
        return new long[] {returned / 1000, isUp / 1000};
    }

    private static long awaitPid(Path file, long start) throws IOException {
        while (System.nanoTime() - start < TIMEOUT_NANOS) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            LockSupport.parkNanos(200_000L);
        }
        throw new IllegalStateException("no pid in " + file + " after 30 s");
    }

    private void record(String what, boolean counted, long elapsedMicros) {
        if (elapsedMicros < 0) {
            hangs.merge(what, 1, Integer::sum);
        } else if (counted) {
            micros.computeIfAbsent(what, k -> new ArrayList<>()).add(elapsedMicros);
        }
    }

    private void report(int runs) {
        System.out.printf("java %s, %d cores, %d rounds, medians (ratio to the bare JVM of the same run)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs);
        double bare = median(micros.get("bare JVM"));
        for (Map.Entry<String, List<Long>> entry : micros.entrySet()) {
            List<Long> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            double median = median(sorted);
            System.out.printf("| %s | %.1f ms (%.2f) | p90 %.1f ms |%n", entry.getKey(), median, median / bare,
                    StressParent.at(sorted, 0.9));
        }
        hangs.forEach((what, count) -> System.out.printf("%s: %d start(s) never came up (ended after 30 s, left out)%n",
                what, count));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return StressParent.at(sorted, 0.5);
    }
}
