package io.github.daemoniker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Collects what a relaunched process prints before it redirects its streams (the last 64 KiB). */
final class StartupOutput {
    private static final int LIMIT = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;

    StartupOutput(InputStream output) {
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

    /** What arrived, once the process closed its end or {@code waitMillis} passed. */
    String text(long waitMillis) {
        try {
            reader.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (bytes) {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - LIMIT);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
        }
    }
}
