package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Rotation by size, done by the daemon itself: once a second it looks at the size of its log
 * files; one that has reached the limit becomes {@code NAME.1} (its elders one number up, the
 * oldest beyond the limit dropped) and the daemon opens a new {@code NAME}. A write in between goes
 * to the renamed file, so no line is lost or written twice. Only regular files are renamed; a
 * link or anything else where a log or a rotated file should be stops the rotation of that log,
 * said once in the daemon's stderr, and the daemon goes on writing.
 */
final class LogRotation {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final Set<Path> logs = new LinkedHashSet<>();
    private final Set<Path> refused = new LinkedHashSet<>();
    private final long maxBytes;
    private final int keep;
    private final Runnable reopen;

    private LogRotation(DaemonPlan plan, Runnable reopen) {
        if (plan.stdout() != null) {
            logs.add(plan.stdout());
        }
        if (plan.stderr() != null) {
            logs.add(plan.stderr());
        }
        this.maxBytes = plan.rotateLogsAt();
        this.keep = plan.logsKept();
        this.reopen = reopen;
    }

    /** Starts the rotation {@code plan} asks for, if any, on a thread of its own; {@code reopen} opens the logs again. */
    static void start(DaemonPlan plan, Runnable reopen) {
        if (plan.rotateLogsAt() <= 0 || plan.stdout() == null && plan.stderr() == null) {
            return;
        }
        LogRotation rotation = new LogRotation(plan, reopen);
        Thread thread = new Thread(rotation::run, "daemoniker-log-rotation");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            rotateDue();
        }
    }

    /** Rotates every log that has reached its size, then opens the logs again. */
    private void rotateDue() {
        boolean rotated = false;
        for (Path log : logs) {
            if (!refused.contains(log) && size(log) >= maxBytes) {
                try {
                    shift(log);
                    rotated = true;
                } catch (IOException | RuntimeException e) {
                    refused.add(log);
                    System.err.println("daemoniker: the log " + log + " is no longer rotated: " + e.getMessage());
                }
            }
        }
        if (rotated) {
            reopen.run();
        }
    }

    /** NAME.(keep-1) to NAME.keep, ..., NAME to NAME.1: each move replaces only a regular file. */
    private void shift(Path log) throws IOException {
        for (int i = keep; i >= 1; i--) {
            Path from = i == 1 ? log : numbered(log, i - 1);
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Path to = numbered(log, i);
                requireRegular(from);
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    requireRegular(to);
                }
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path numbered(Path log, int number) {
        return log.resolveSibling(log.getFileName() + "." + number);
    }

    private static void requireRegular(Path file) throws IOException {
        if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
            throw new IOException(file + " is not a regular file, which the rotation would have moved or replaced");
        }
    }

    /** The log's size, 0 if it is missing or not a regular file (nothing of it is rotated then). */
    private static long size(Path log) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
