package io.github.daemoniker.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Collects what a relaunched process prints before it redirects its streams (the last 64 KiB).
 * Before it says "ready", the daemon writes {@link #endMark} on the stream that is this pipe, so
 * that the original process knows, without guessing from the reader's timing, when it has read
 * everything the daemon wrote on its way up.
 */
final class StartupOutput {
    private static final int LIMIT = 64 * 1024;
    private static final long DRAIN_NANOS = 2_000_000_000L;

    private final byte[] mark;
    private final Thread reader;
    /** What came so far (its last 64 KiB and the mark), guarded by {@code this}. */
    private byte[] bytes = new byte[8192];
    private int size;
    private boolean marked;
    private boolean ended;

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
                append(buffer, n);
            }
        } catch (IOException e) {
            // the process is gone, was killed, or the original process stopped reading
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Keeps {@code n} more bytes; past twice what is kept, the oldest go (a copy once per 64 KiB, not
     * per chunk). The mark is looked for only where it could newly stand.
     */
    private synchronized void append(byte[] buffer, int n) {
        int keep = LIMIT + (mark == null ? 0 : mark.length);
        if (size + n > 2 * keep) {
            int drop = Math.max(0, size - keep);
            System.arraycopy(bytes, drop, bytes, 0, size - drop);
            size -= drop;
        }
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + n));
        }
        System.arraycopy(buffer, 0, bytes, size, n);
        int searchFrom = mark == null ? 0 : Math.max(0, size - mark.length + 1);
        size += n;
        if (mark != null && !marked && indexOf(bytes, searchFrom, size, mark) >= 0) {
            marked = true;
            notifyAll();
        }
    }

    /**
     * What the daemon wrote before "ready": everything up to its end mark, which it wrote before
     * saying ready (or all that came, if the pipe ended first or the mark is two seconds late).
     */
    String drained() {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        synchronized (this) {
            for (long left = DRAIN_NANOS; mark != null && !marked && !ended && left > 0;
                    left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
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
        synchronized (this) {
            all = Arrays.copyOf(bytes, size);
        }
        int end = mark == null ? -1 : indexOf(all, 0, all.length, mark);
        int length = end >= 0 ? end : all.length;
        int from = Math.max(0, length - LIMIT);
        return new String(all, from, length - from, StandardCharsets.UTF_8).strip();
    }

    /** Where {@code part} first stands in {@code all} between {@code from} and {@code to}, or -1. */
    private static int indexOf(byte[] all, int from, int to, byte[] part) {
        outer:
        for (int i = from; i + part.length <= to; i++) {
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
