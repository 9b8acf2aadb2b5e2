package io.github.daemoniker.it.bench;

import io.github.daemoniker.it.fixtures.BenchTarget;
import io.github.daemoniker.it.fixtures.StressParent;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How much daemonizing costs, in one run: the median time daemonize() takes in the original
 * process against the median plain start of the same JVM to the first line of main, and the
 * median daemonize() of an original process with a 64 MB against a 4 GB touched heap.
 * Arguments: BUILD_DIR [RUNS, default 30]. Run it with bench/daemonize.sh.
 */
public final class DaemonizeBenchmark {

    public static void main(String[] args) throws Exception {
        Path build = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> classPath = new ArrayList<>(List.of(build.resolve("classes").toString(),
                build.resolve("test-classes").toString()));
        classPath.addAll(Arrays.asList(Files.readString(build.resolve("runtime-classpath.txt")).strip()
                .split(File.pathSeparator)));
        List<String> base = List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(File.pathSeparator, classPath));
        Path dir = Files.createTempDirectory("daemoniker-bench");

        List<Long> plain = new ArrayList<>();
        List<Long> daemonize = new ArrayList<>();
        List<Long> afterSetup = new ArrayList<>();
        for (int i = -3; i < runs; i++) {
            long plainMicros = plainStart(command(base, BenchTarget.class.getName(), "plain"));
            long daemonizeMicros = daemonizeTime(command(base, BenchTarget.class.getName(), "daemonize",
                    dir.resolve("bench-" + (i + 3) + ".pid").toString()));
            long afterSetupMicros = daemonizeTime(command(base, BenchTarget.class.getName(), "daemonize",
                    dir.resolve("setup-" + (i + 3) + ".pid").toString(), "300"));
            if (i >= 0) {
                plain.add(plainMicros);
                daemonize.add(daemonizeMicros);
                afterSetup.add(afterSetupMicros);
            }
        }
        Collections.sort(plain);
        Collections.sort(daemonize);
        Collections.sort(afterSetup);
        double plainMedian = StressParent.at(plain, 0.5);
        double daemonizeMedian = StressParent.at(daemonize, 0.5);
        double afterSetupMedian = StressParent.at(afterSetup, 0.5);
        System.out.printf("java %s, %d runs each%n", System.getProperty("java.version"), runs);
        System.out.printf("plain start to first line of main: median %.1f ms%n", plainMedian);
        System.out.printf("daemonize() first thing in main: median %.1f ms, ratio to plain start %.2f%n",
                daemonizeMedian, daemonizeMedian / plainMedian);
        System.out.printf("daemonize() after 300 ms of setup: median %.1f ms, ratio to plain start %.2f%n",
                afterSetupMedian, afterSetupMedian / plainMedian);

        // the same -Xmx for both, so that the relaunched daemons are the same JVM
        String small = heapRun(base, dir, 64, "-Xmx6g", "daemonize");
        String large = heapRun(base, dir, 4096, "-Xmx6g", "daemonize");
        System.out.println("daemonize(), 64 MB touched heap: " + small);
        System.out.println("daemonize(), 4 GB touched heap:  " + large);
        System.out.printf("ratio 4 GB / 64 MB daemonize() median: %.2f%n", median(large) / median(small));
        String smallSpawn = heapRun(base, dir, 64, "-Xmx6g", "spawn");
        String largeSpawn = heapRun(base, dir, 4096, "-Xmx6g", "spawn");
        System.out.println("relaunch alone, 64 MB touched heap: " + smallSpawn);
        System.out.println("relaunch alone, 4 GB touched heap:  " + largeSpawn);
        System.out.printf("ratio 4 GB / 64 MB relaunch median: %.2f%n", median(largeSpawn) / median(smallSpawn));
    }

    private static List<String> command(List<String> base, String... more) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(more));
        return command;
    }

    private static long plainStart(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line = out.readLine();
            long micros = (System.nanoTime() - start) / 1000;
            if (!"main".equals(line)) {
                throw new IllegalStateException("unexpected output: " + line);
            }
            process.waitFor();
            return micros;
        }
    }

    private static long daemonizeTime(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("daemonize-ns ")) {
                return Long.parseLong(line.substring(13).strip()) / 1000;
            }
        }
        throw new IllegalStateException("the benchmark target failed: " + output);
    }

    /** A StressParent run without churn: 20 daemonizations (or relaunches) from a heap of that size. */
    private static String heapRun(List<String> base, Path dir, int megabytes, String xmx, String mode)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(base.subList(0, 2));
        command.add(xmx);
        command.addAll(base.subList(2, base.size()));
        command.addAll(List.of(StressParent.class.getName(), Files.createTempDirectory(dir, "heap").toString(),
                mode.equals("spawn") ? "100" : "20", Integer.toString(megabytes), "0", mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output.lines().filter(l -> l.startsWith("stress:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the heap run failed: " + output));
    }

    private static double median(String summary) {
        String after = summary.substring(summary.indexOf("median ") + 7);
        return Double.parseDouble(after.substring(0, after.indexOf(' ')));
    }
}
