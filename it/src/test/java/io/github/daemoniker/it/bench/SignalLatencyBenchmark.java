package io.github.daemoniker.it.bench;

import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.Signal;
import io.github.daemoniker.it.fixtures.SignalDaemon;
import io.github.daemoniker.it.fixtures.StressParent;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * From {@code Daemoniker.send()} returning in this process to the handler starting in a real
 * daemon, one signal at a time (each waits for the last to be handled: the kernel merges pending
 * signals), over RUNS signals after 100 of warm-up. Both sides read System.nanoTime, which on
 * Linux is the machine's monotonic clock, shared by all processes. Arguments: BUILD_DIR [RUNS].
 */
public final class SignalLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        Path build = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<String> classPath = new ArrayList<>(List.of(build.resolve("classes").toString(),
                build.resolve("test-classes").toString()));
        classPath.addAll(Arrays.asList(Files.readString(build.resolve(System.getProperty("daemoniker.classpath.file",
                "runtime-classpath.txt"))).strip().split(File.pathSeparator)));
        // SIGUSR1 where there is one; on Windows, SIGINT through the sleepers
        Signal signal = Signal.SIGUSR1.isAvailable() ? Signal.SIGUSR1 : Signal.SIGINT;
        Path dir = Files.createTempDirectory("daemoniker-signal-bench");
        Path events = dir.resolve("events");
        Path pidFile = dir.resolve("daemon.pid");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                SignalDaemon.class.getName(), "dir=" + dir, signal.name().substring(3).toLowerCase(java.util.Locale.ROOT)
                + "=stamp").inheritIO().start();
        if (parent.waitFor() != 0) {
            throw new IllegalStateException("the daemon did not start");
        }
        try (RandomAccessFile log = new RandomAccessFile(awaitFile(events), "r")) {
            readLine(log);  // "started"
            List<Long> micros = new ArrayList<>();
            for (int i = -100; i < runs; i++) {
                Daemoniker.send(pidFile, signal);
                long sent = System.nanoTime();
                String stamp = readLine(log);
                if (i >= 0) {
                    micros.add((Long.parseLong(stamp.substring(6)) - sent) / 1000);
                }
            }
            Collections.sort(micros);
            System.out.printf("java %s, %d %s: send() returning to handler start: median %.3f ms,"
                            + " p99 %.3f ms, max %.3f ms%n", System.getProperty("java.version"), runs, signal,
                    StressParent.at(micros, 0.5), StressParent.at(micros, 0.99), StressParent.at(micros, 1.0));
        } finally {
            Daemoniker.send(pidFile, Signal.SIGTERM);
        }
    }

    private static File awaitFile(Path file) {
        while (!Files.exists(file)) {
            LockSupport.parkNanos(100_000);
        }
        return file.toFile();
    }

    /** The next whole line, waiting for it to be written. */
    private static String readLine(RandomAccessFile log) throws Exception {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = log.read();
            if (c == '\n') {
                return line.toString();
            }
            if (c < 0) {
                LockSupport.parkNanos(20_000);
            } else {
                line.append((char) c);
            }
        }
    }
}
