package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a pid file says about its daemon, looked at from any process: the one reading of a pid
 * file that {@code send}, {@code stop} and {@code status} all act on.
 */
public record PidFileStatus(Path path, State state, long pid, long holder, String detail) {

    public enum State {
        /** No such file. */
        MISSING,
        /** The file cannot be read, or holds no pid. */
        UNREADABLE,
        /** The live process that holds the file's lock is the one the file names. */
        RUNNING,
        /** Nobody holds the lock and the named pid is not running: a stale file. */
        DEAD,
        /** Nobody holds the lock, but the named pid runs: maybe the daemon, maybe a reused pid. */
        UNLOCKED,
        /** The lock's holder is not the pid the file names. */
        MISMATCHED
    }

    /** Reads the file and asks who holds its lock; never opens a pid file this process holds. */
    public static PidFileStatus of(Path pidFile) {
        Path path = pidFile.toAbsolutePath().normalize();
        Platform platform = Platform.current();
        if (PidFileLock.heldHere(path)) {
            long self = ProcessHandle.current().pid();
            return new PidFileStatus(path, State.RUNNING, self, self, null);
        }
        String content;
        try {
            content = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new PidFileStatus(path, State.MISSING, 0, 0, null);
        } catch (IOException | RuntimeException e) {
            return new PidFileStatus(path, State.UNREADABLE, 0, 0, "cannot be read (" + e.getMessage() + ")");
        }
        OptionalLong parsed = PidFiles.parse(content);
        if (parsed.isEmpty()) {
            String first = content.lines().findFirst().orElse("").strip();
            return new PidFileStatus(path, State.UNREADABLE, 0, 0, "does not hold a pid (its first line is '"
                    + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "')");
        }
        long pid = parsed.getAsLong();
        OptionalLong holder = platform.pidFileHolder(path);
        if (holder.isPresent()) {
            // -1: an open-file-description lock, which names no process: the named one must hold the file
            boolean holds = holder.getAsLong() == pid
                    || holder.getAsLong() == -1 && platform.hasOpen(pid, path) && platform.isRunning(pid);
            return new PidFileStatus(path, holds ? State.RUNNING : State.MISMATCHED, pid, holder.getAsLong(), null);
        }
        return new PidFileStatus(path, platform.isRunning(pid) ? State.UNLOCKED : State.DEAD, pid, 0, null);
    }

    /** The error for starting another daemon on this pid file, if one holds it. */
    public Optional<DaemonizeException> inUse() {
        if (state == State.RUNNING) {
            return Optional.of(PidFiles.alreadyRunning(path, pid));
        }
        if (state == State.MISMATCHED) {
            return Optional.of(holder > 0 ? PidFiles.alreadyRunning(path, holder)
                    : new DaemonizeException("pid file " + path + " is locked by another process: stop it first,"
                    + " or choose another pid file"));
        }
        return Optional.empty();
    }

    /** Whether this is still the process the file names and its lock's holder. */
    public boolean stillHolds() {
        return of(path).equals(this);
    }

    /** Why no signal can go to this pid file's daemon, in one sentence. */
    public String whyNotRunning() {
        switch (state) {
            case MISSING:
                return "pid file " + path + " does not exist: the daemon is not running, or uses another pid file";
            case UNREADABLE:
                return "pid file " + path + " " + detail;
            case DEAD:
                return "the daemon of pid file " + path + " (pid " + pid + ") is not running";
            case MISMATCHED:
                return "pid file " + path + " names pid " + pid + " but is locked by "
                        + (holder > 0 ? "pid " + holder : "another process") + ": it is not that daemon's";
            case UNLOCKED:
                return "pid file " + path + " names pid " + pid + ", which is running but does not hold the"
                        + " file's lock: it is not the daemon that wrote the file (its pid may have been reused)";
            default:
                return "the daemon of pid file " + path + " is running (pid " + pid + ")";
        }
    }
}
