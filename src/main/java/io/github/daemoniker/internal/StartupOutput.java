package io.github.daemoniker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/** Collects what a relaunched process prints before it redirects its streams (the last 64 KiB). */
final class StartupOutput {
    private static final int LIMIT = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final InputStream output;
    private final Thread reader;

    StartupOutput(InputStream output) {
        this.output = output;
        reader = new Thread(() -> collect(output), "daemoniker-startup-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void collect(InputStream output) {
        byte[] buffer = new byte[8192];
        try (output) {
            for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
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
        }
    }

    /**
     * What arrived so far, the pipe drained: at "ready", the daemon has written everything it wrote
     * before, and it is in the pipe or already read.
     */
    String drained() {
        long deadline = System.nanoTime() + 200_000_000L;
        try {
            while (output.available() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(500_000L);
            }
        } catch (IOException e) {
            // closed: everything was read
        }
        // the reader may be between its read and its append
        LockSupport.parkNanos(500_000L);
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
