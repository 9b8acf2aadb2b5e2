package io.github.daemoniker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects what a relaunched process prints before it redirects its streams (the last 64 KiB).
 * The reader itself tells when the pipe is drained: a read that has waited for a while found the
 * pipe empty. (Asking the pipe instead would wait, on Windows, behind the reader's own pending read.)
 */
final class StartupOutput {
    private static final int LIMIT = 64 * 1024;
    /** A read pending this long found nothing to read. */
    private static final long QUIET_NANOS = 2_000_000L;
    private static final long DRAIN_NANOS = 200_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    /** When the pending read started, or 0 while the reader is not in a read. */
    private volatile long readingSince;

    StartupOutput(InputStream output) {
        reader = new Thread(() -> collect(output), "daemoniker-startup-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void collect(InputStream output) {
        byte[] buffer = new byte[8192];
        try (output) {
            for (int n = read(output, buffer); n >= 0; n = read(output, buffer)) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                    if (bytes.size() > 2 * LIMIT) {
                        byte[] all = bytes.toByteArray();
                        bytes.reset();
                        bytes.write(all, all.length - LIMIT, LIMIT);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone or was killed; what arrived so far is what there is
        } finally {
            readingSince = -1;
        }
    }

    private int read(InputStream output, byte[] buffer) throws IOException {
        readingSince = System.nanoTime();
        int n = output.read(buffer);
        readingSince = 0;
        return n;
    }

    /**
     * What arrived so far, the pipe drained: at "ready", the daemon has written everything it wrote
     * before, and it is in the pipe or already read.
     */
    String drained() {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (System.nanoTime() < deadline) {
            long since = readingSince;
            if (since == -1 || since > 0 && System.nanoTime() - since > QUIET_NANOS) {
                break;
            }
            LockSupport.parkNanos(250_000L);
        }
        synchronized (bytes) {
            return text(bytes.toByteArray());
        }
    }

    /** What arrived, once the process closed its end or {@code waitMillis} passed. */
    String text(long waitMillis) {
        try {
            reader.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (bytes) {
            return text(bytes.toByteArray());
        }
    }

    private static String text(byte[] all) {
        int from = Math.max(0, all.length - LIMIT);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
    }
}
