package io.github.daemoniker.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The line protocol on the readiness channel, from the daemon to its original process:
 * {@code PID n} as soon as the daemon runs, then {@code READY n}, {@code HELD} (another process
 * holds the pid file: the original process, which has the native layer loaded, finds out who) or
 * {@code FAIL reason}.
 */
final class ReadinessChannel {

    enum Kind { READY, HELD, FAILED, EXITED, TIMED_OUT }

    /** How the wait ended; {@code pid} is 0 when the daemon never said it. */
    record Outcome(Kind kind, long pid, String reason) {
    }

    private ReadinessChannel() {
    }

    static void reportPid(OutputStream channel, long pid) {
        send(channel, "PID " + pid);
    }

    static void reportReady(OutputStream channel, long pid) {
        send(channel, "READY " + pid);
    }

    static void reportHeld(OutputStream channel) {
        send(channel, "HELD");
    }

    static void reportFailure(OutputStream channel, String reason) {
        send(channel, "FAIL " + reason.replace('\n', ' ').replace('\r', ' '));
    }

    private static void send(OutputStream channel, String line) {
        try {
            channel.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            channel.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the original process stopped listening", e);
        }
    }

    /** Waits for the daemon's verdict, at most {@code timeout}. */
    static Outcome await(InputStream channel, Duration timeout) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread("daemoniker-readiness") {
            @Override
            public void run() {
                readLines(channel, lines);
            }
        };
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pid = 0;
        try {
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return new Outcome(Kind.TIMED_OUT, pid, null);
                } else if (line.startsWith("PID ") || line.startsWith("READY ")) {
                    OptionalLong said = PidFiles.parse(line.substring(line.indexOf(' ') + 1)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    if (said.isEmpty()) {
                        return new Outcome(Kind.FAILED, pid, "its readiness channel said '" + line + "', which names no"
                                + " pid: the channel is not Daemoniker's");
                    }
                    if (line.startsWith("READY ")) {
                        return new Outcome(Kind.READY, said.getAsLong(), null);
                    }
                    pid = said.getAsLong();
                } else if (line.equals("HELD")) {
                    return new Outcome(Kind.HELD, pid, null);
                } else if (line.startsWith("FAIL ")) {
                    return new Outcome(Kind.FAILED, pid, line.substring(5));
                } else {
                    return new Outcome(Kind.EXITED, pid, line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.TIMED_OUT, pid, "interrupted while waiting");
        }
    }

    /** Queues each line, then an empty line for the end of the channel. */
    private static void readLines(InputStream channel, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(channel, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("the readiness channel failed: " + e.getMessage());
            return;
        }
        lines.add("");
    }
}
