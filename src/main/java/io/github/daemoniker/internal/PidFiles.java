package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
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
     * The pid file a daemon could not remove itself (killed, failed to start, or a program started
     * by the command line): waits, at most five seconds, for its lock to go with the process, then
     * removes the file if it still names {@code pid} and that process is gone.
     */
    public static void removeIfDead(Path pidFile, long pid) {
        Poll.until(() -> !heldByLiveProcess(PidFileStatus.of(pidFile)), Duration.ofSeconds(5));
        PidFileStatus status = PidFileStatus.of(pidFile);
        if (status.state() == PidFileStatus.State.DEAD && status.pid() == pid) {
            try {
                Files.deleteIfExists(status.path());
            } catch (IOException e) {
                throw new DaemonizeException("pid file " + status.path() + " of the dead daemon (pid " + pid
                        + ") could not be removed: " + e.getMessage(), e);
            }
        }
    }

    private static boolean heldByLiveProcess(PidFileStatus status) {
        return status.state() == PidFileStatus.State.RUNNING || status.state() == PidFileStatus.State.MISMATCHED;
    }
}
