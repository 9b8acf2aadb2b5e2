package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The pid file rules that are the same everywhere: the {@code "<pid>\n"} format, the checks made
 * before a daemon is started, and the cleanup after a start that failed.
 */
public final class PidFiles {

    private PidFiles() {
    }

    /** The content written to a pid file. */
    public static String format(long pid) {
        return pid + "\n";
    }

    /** The pid on the file's first line; empty if the file is missing, unreadable or not a pid. */
    public static OptionalLong readPid(Path pidFile) {
        try {
            String content = Files.readString(pidFile, StandardCharsets.US_ASCII);
            return parse(content);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(String content) {
        String first = content.lines().findFirst().orElse("").strip();
        if (!first.matches("[1-9][0-9]{0,18}")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(first));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public static DaemonizeException alreadyRunning(Path pidFile, long pid) {
        return new DaemonizeException("a daemon is already running (pid " + pid + ") with pid file " + pidFile
                + ": stop it first, or choose another pid file");
    }

    /**
     * After a failed start whose daemon was killed: waits for its lock to go, then removes the pid
     * file if it still names that daemon, so that nothing of the attempt is left on disk.
     */
    static void removeAbandoned(Path pidFile, long pid, Platform platform) {
        Poll.until(() -> platform.pidFileHolder(pidFile).isEmpty(), Duration.ofSeconds(5));
        if (platform.pidFileHolder(pidFile).isEmpty() && readPid(pidFile).equals(OptionalLong.of(pid))) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new DaemonizeException("pid file " + pidFile + " of the failed daemon (pid " + pid
                        + ") could not be removed: " + e.getMessage(), e);
            }
        }
    }
}
