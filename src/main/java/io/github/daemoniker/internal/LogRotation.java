package io.github.daemoniker.internal;

import java.io.IOException;
import java.io.PrintStream;
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
 * link or anything else where a log or a rotated file should be stops the rotation of that log.
 * As logrotate does, a log whose directory other users may write is never rotated (one of them
 * could plant a link where a rotated log goes), nor one whose directory this user may not write.
 * Why a log is not rotated is said once, in that log itself: the daemon's stderr may be the null
 * device.
 */
final class LogRotation {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final Set<Path> logs = new LinkedHashSet<>();
    private final Set<Path> refused = new LinkedHashSet<>();
    private final Path stdout;
    private final long maxBytes;
    private final int keep;

    private LogRotation(DaemonPlan plan) {
        if (plan.get(Option.STDOUT) != null) {
            logs.add(plan.get(Option.STDOUT));
        }
        if (plan.get(Option.STDERR) != null) {
            logs.add(plan.get(Option.STDERR));
        }
        this.stdout = plan.get(Option.STDOUT);
        this.maxBytes = plan.get(Option.ROTATE_LOGS_AT);
        this.keep = plan.get(Option.LOGS_KEPT);
    }

    /** Starts the rotation {@code plan} asks for, if any, on a thread of its own. */
    static void start(DaemonPlan plan) {
        if (plan.get(Option.ROTATE_LOGS_AT) <= 0 || plan.get(Option.STDOUT) == null && plan.get(Option.STDERR) == null) {
            return;
        }
        LogRotation rotation = new LogRotation(plan);
        Thread thread = new Thread(rotation::run, "daemoniker-log-rotation");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        for (Path log : logs) {
            String unsafe = whyNotRotated(log.getParent());
            if (unsafe != null) {
                refuse(log, unsafe);
            }
        }
        while (refused.size() < logs.size()) {
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
                    refuse(log, e.getMessage());
                }
            }
        }
        if (rotated) {
            SettledDaemon.reopenLogsOrSay();
        }
    }

    /**
     * Why logs in {@code directory} are not rotated, or null: logrotate's rule for an insecure
     * directory (writable by others, or by a group other than root's), one owned by another user,
     * or one this user may not rename files in.
     */
    static String whyNotRotated(Path directory) {
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                java.util.Map<String, Object> attributes = Files.readAttributes(directory, "unix:mode,uid,gid");
                int mode = (Integer) attributes.get("mode");
                int owner = (Integer) attributes.get("uid");
                java.util.OptionalLong self = ThisProcess.effectiveUid();
                boolean othersMayWrite = (mode & 0002) != 0 || (mode & 0020) != 0 && (Integer) attributes.get("gid") != 0
                        || owner != 0 && self.isPresent() && owner != self.getAsLong();
                if (othersMayWrite) {
                    return "its directory " + directory + " (mode " + Integer.toOctalString(mode & 07777) + ", owner uid "
                            + owner + ") can be written by other users, who could put a link where a rotated log"
                            + " goes; as logrotate, Daemoniker rotates only in a directory of this user or root that"
                            + " no one else may write";
                }
            }
            if (!Files.isWritable(directory)) {
                return "this user may not rename files in its directory " + directory + ": make it writable by the"
                        + " daemon's user, or rotate the log with logrotate instead";
            }
            return null;
        } catch (IOException e) {
            return "its directory " + directory + " cannot be examined (" + e.getMessage() + ")";
        }
    }

    /** Stops rotating {@code log}, and says why in that very log. */
    private void refuse(Path log, String why) {
        refused.add(log);
        PrintStream into = log.equals(stdout) ? System.out : System.err;
        into.println("daemoniker: the log " + log + " is no longer rotated: " + why);
        into.flush();
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
