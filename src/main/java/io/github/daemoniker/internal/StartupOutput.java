package io.github.daemoniker.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects what a relaunched process prints before it redirects its streams (the last 64 KiB).
 * Before it says "ready", the daemon writes {@link #endMark} on the stream that is this pipe, so
 * that the original process knows, without guessing from the reader's timing, when it has read
 * everything the daemon wrote on its way up.
 */
final class StartupOutput {
    private static final int LIMIT = 64 * 1024;
    private static final long DRAIN_NANOS = 2_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] mark;
    private final Thread reader;
    private volatile boolean marked;
    private volatile boolean ended;

    /** {@code mark} is the daemon's end mark, or {@code null} where neither of its streams is this pipe. */
    StartupOutput(InputStream output, byte[] mark) {
        this.mark = mark;
        reader = new Thread("daemoniker-startup-output") {
            @Override
            public void run() {
                collect(output);
            }
        };
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The line the daemon writes last before "ready" (the token keeps its own output from forging
     * it), or {@code null} where neither of its streams is the original process's pipe.
     */
    static byte[] endMark(DaemonPlan plan, String token) {
        return plan.get(Option.STDOUT) != null && plan.get(Option.STDERR) != null ? null
                : ("\ndaemoniker-end-of-startup-output " + token + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the end mark on the first of the standard streams that is still the original process's pipe. */
    static void writeEndMark(DaemonPlan plan, String token) {
        byte[] mark = endMark(plan, token);
        if (mark == null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        try {
            new FileOutputStream(plan.get(Option.STDOUT) == null ? FileDescriptor.out : FileDescriptor.err).write(mark);
        } catch (IOException e) {
            // the original process is gone: nobody waits for the mark
        }
    }

    private void collect(InputStream output) {
        byte[] buffer = new byte[8192];
        try (output) {
            for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                    if (mark != null && !marked && indexOf(bytes.toByteArray(), mark) >= 0) {
                        marked = true;
                    }
                    if (bytes.size() > 2 * LIMIT + (mark == null ? 0 : mark.length)) {
                        byte[] all = bytes.toByteArray();
                        int keep = LIMIT + (mark == null ? 0 : mark.length);
                        bytes.reset();
                        bytes.write(all, all.length - keep, keep);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone, was killed, or the original process stopped reading
        } finally {
            ended = true;
        }
    }

    /**
     * What the daemon wrote before "ready": everything up to its end mark, which it wrote before
     * saying ready (or all that came, if the pipe ended first or the mark is two seconds late).
     */
    String drained() {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (mark != null && !marked && !ended && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000L);
        }
        return collected();
    }

    /** What arrived, once the process closed its end or {@code waitMillis} passed. */
    String text(long waitMillis) {
        try {
            reader.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return collected();
    }

    private String collected() {
        byte[] all;
        synchronized (bytes) {
            all = bytes.toByteArray();
        }
        int end = mark == null ? -1 : indexOf(all, mark);
        int length = end >= 0 ? end : all.length;
        int from = Math.max(0, length - LIMIT);
        return new String(all, from, length - from, StandardCharsets.UTF_8).strip();
    }

    private static int indexOf(byte[] all, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= all.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (all[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
