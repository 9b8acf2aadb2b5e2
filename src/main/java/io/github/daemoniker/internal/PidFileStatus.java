package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonStatus;
import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a pid file says about its daemon, looked at from any process: the one reading of a pid
 * file that {@code send}, {@code stop} and {@code status} all act on. The file is read through
 * one open that never follows a link and never blocks, and at most a few bytes of it.
 */
public record PidFileStatus(Path path, State state, long pid, long holder, String detail) {

    /** How long a reader waits for a start in progress to write its pid. */
    private static final Duration START_IN_PROGRESS = Duration.ofSeconds(30);
    private static final int REREADS = 10;

    public enum State {
        /** No such file. */
        MISSING,
        /** The file cannot be read, or holds no pid. */
        UNREADABLE,
        /** Empty, and nobody holds it: a start was interrupted before its pid was written; no daemon runs on it. */
        EMPTY,
        /** Locked but still empty: a daemon is being started on it. */
        STARTING,
        /** The live process that holds the file's lock is the one the file names. */
        RUNNING,
        /** Nobody holds the lock and the named pid is not running: a stale file. */
        DEAD,
        /** Nobody holds the lock, but the named pid runs: maybe the daemon, maybe a reused pid. */
        UNLOCKED,
        /** The lock's holder is not the pid the file names. */
        MISMATCHED,
        /** The named pid runs as another user, whose descriptors (and signals) this user may not reach. */
        FORBIDDEN
    }

    /** Reads the file and asks who holds its lock. */
    public static PidFileStatus of(Path pidFile) {
        Path path = absolute(pidFile);
        if (PidFileLock.heldHere(path) != null) {
            long self = ThisProcess.pid();
            return new PidFileStatus(path, State.RUNNING, self, self, null);
        }
        Platform platform = Platform.current();
        OpenPidFile.Content content = null;
        OptionalLong holder = OptionalLong.empty();
        // a file removed (or replaced) while it was read says nothing of the path, and a holder that
        // changed while it was read (a start's mark let go once its daemon wrote its pid) pairs an
        // old content with a new holder: read again
        for (int attempt = 0; content == null; attempt++) {
            OpenPidFile file = null;
            try {
                file = KeptOpen.open(path, platform);
                OptionalLong before = file.holder();
                content = file.read();
                holder = file.holder();
                if ((!file.isAt(path) || !holder.equals(before)) && attempt < REREADS) {
                    content = null;
                }
            } catch (NoSuchFileException e) {
                return new PidFileStatus(path, State.MISSING, 0, 0, null);
            } catch (IOException e) {
                return new PidFileStatus(path, State.UNREADABLE, 0, 0, unreadable(e));
            } finally {
                KeptOpen.close(file, holder, platform);
            }
        }
        if (content.size() == 0 && holder.isPresent()) {
            return new PidFileStatus(path, State.STARTING, 0, holder.getAsLong(), null);
        }
        OptionalLong parsed = content.size() == content.head().length ? PidFiles.parse(content.head())
                : OptionalLong.empty();
        if (content.size() == 0 && content.head().length == 0) {
            // nothing read too: a file of /proc says 0 bytes and holds some
            return new PidFileStatus(path, State.EMPTY, 0, 0, null);
        }
        if (parsed.isEmpty()) {
            return new PidFileStatus(path, State.UNREADABLE, 0, 0, "does not hold a pid (it holds "
                    + PidFiles.shown(content.head()) + ")");
        }
        long pid = parsed.getAsLong();
        if (holder.isPresent()) {
            // -1: an open-file-description lock, which names no process: the named one must hold the file
            boolean holds = holder.getAsLong() == pid
                    || holder.getAsLong() == -1 && platform.pidFiles().hasOpen(pid, path) && platform.processes().isRunning(pid);
            if (holds) {
                return new PidFileStatus(path, State.RUNNING, pid, holder.getAsLong(), null);
            }
            if (holder.getAsLong() == -1 && !java.nio.file.Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // asked through the path, and the path is empty now: its daemon removed the file as it
                // exited, just after it was read (two stops at once); not another process's file
                return new PidFileStatus(path, State.MISSING, 0, 0, null);
            }
            if (holder.getAsLong() == -1 && !platform.pidFiles().mayLookAt(pid) && platform.processes().isRunning(pid)) {
                return new PidFileStatus(path, State.FORBIDDEN, pid, -1, null);
            }
            long other = holder.getAsLong() == -1 ? platform.pidFiles().otherProcessWithOpen(path, pid) : holder.getAsLong();
            return new PidFileStatus(path, State.MISMATCHED, pid, other, null);
        }
        return new PidFileStatus(path, platform.processes().isRunning(pid) ? State.UNLOCKED : State.DEAD, pid, 0, null);
    }

    /**
     * The same, but a start in progress is waited for, at most 30 seconds, so that whoever asks
     * during a start learns its outcome rather than "not running". A start in progress is a
     * locked, empty file whose lock names no process (an open-file-description lock, as a Linux
     * start takes, or Windows); a lock that names its process is some other program's.
     */
    public static PidFileStatus settled(Path pidFile) {
        // polled only when a start is in progress: a start's own checks come here, and the first lambda costs
        PidFileStatus status = of(pidFile);
        return status.isStarting() ? Poll.until(() -> of(pidFile), now -> !now.isStarting(), START_IN_PROGRESS) : status;
    }

    private boolean isStarting() {
        return state == State.STARTING && holder == -1;
    }

    /**
     * The files this process reads while it holds a POSIX lock of them itself, not through this
     * library (its own {@code FileChannel.lock()}, a native library's {@code fcntl}): closing any
     * descriptor of a file drops every such lock of the process, so these are never closed, and
     * read again through the same descriptor.
     */
    private static final class KeptOpen {
        private static final java.util.Set<OpenPidFile> FILES = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static OpenPidFile open(Path path, Platform platform) throws IOException {
            for (OpenPidFile kept : FILES) {
                if (kept.isAt(path)) {
                    return kept;
                }
            }
            return platform.pidFiles().open(path, false);
        }

        static void close(OpenPidFile file, OptionalLong holder, Platform platform) {
            if (file == null || FILES.contains(file)) {
                return;
            }
            if (holder.isPresent() && holder.getAsLong() == ThisProcess.pid() && platform.pidFiles().closingDropsOwnLocks()) {
                FILES.add(file);
            } else {
                file.close();
            }
        }
    }

    /** A path as the kernel resolves it: {@code dir/../x.pid} is x.pid beside where dir really leads. */
    public static Path absolute(Path path) {
        return DaemonPlan.resolveAsTheKernelDoes(path);
    }

    private static String unreadable(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot be read by this user (permission denied): run as its owner, or as root";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
        return reason.startsWith("is ") ? reason : "cannot be read (" + reason + ")";
    }

    /** Whether a live process holds the file's lock. */
    boolean isLocked() {
        return state == State.RUNNING || state == State.MISMATCHED || state == State.STARTING;
    }

    /** The error for starting another daemon on this pid file, if one holds it. */
    public Optional<DaemonizeException> inUse() {
        switch (state) {
            case RUNNING:
                return Optional.of(PidFiles.alreadyRunning(path, pid));
            case MISMATCHED:
                return Optional.of(holder > 0 ? PidFiles.alreadyRunning(path, holder)
                        : new DaemonizeException("pid file " + path + " is locked by a process other than the pid"
                        + " it names (" + pid + "): stop that program first, or choose another pid file"));
            case STARTING:
                long who = holder > 0 ? holder : Platform.current().pidFiles().otherProcessWithOpen(path, 0);
                return Optional.of(new DaemonizeException("pid file " + path + " is locked"
                        + (who > 0 ? " by pid " + who : "") + " but holds no pid: a daemon is being started"
                        + " on it, or a program holds it without writing its pid; stop that program first,"
                        + " or choose another pid file"));
            default:
                return Optional.empty();
        }
    }

    /** What {@link #inUse} says, or {@code otherwise} where no process holds the file. */
    String inUseSentence(String otherwise) {
        Optional<DaemonizeException> inUse = inUse();
        return inUse.isPresent() ? inUse.get().getMessage() : otherwise;
    }

    /** Whether this is still the process the file names and its lock's holder. */
    public boolean stillHolds() {
        // the state and the pid, not the holder's kind: a daemon moves its lock from a POSIX lock
        // onto an open-file-description lock once it is ready, and is still the same daemon
        PidFileStatus now = of(path);
        return now.state == state && now.pid == pid;
    }

    /** As the public API tells it: an LSB state and its sentence. */
    public DaemonStatus toDaemonStatus() {
        return toDaemonStatus(false);
    }

    /** The same, with a pid file written without a lock trusted for its running pid if {@code trustUnlocked}. */
    public DaemonStatus toDaemonStatus(boolean trustUnlocked) {
        switch (state) {
            case RUNNING:
                return new DaemonStatus(path, DaemonStatus.State.RUNNING, pid, null);
            case UNLOCKED:
                return trustUnlocked ? new DaemonStatus(path, DaemonStatus.State.RUNNING, pid, null)
                        : new DaemonStatus(path, DaemonStatus.State.UNKNOWN, pid, whyNotRunning());
            case MISSING:
                return new DaemonStatus(path, DaemonStatus.State.NOT_RUNNING, 0, "no pid file " + path);
            case EMPTY:
                return new DaemonStatus(path, DaemonStatus.State.NOT_RUNNING, 0, whyNotRunning());
            case DEAD:
                return new DaemonStatus(path, DaemonStatus.State.DEAD, pid, whyNotRunning());
            default:
                return new DaemonStatus(path, DaemonStatus.State.UNKNOWN, pid, whyNotRunning());
        }
    }

    /** Why no signal can go to this pid file's daemon, in one sentence. */
    public String whyNotRunning() {
        switch (state) {
            case MISSING:
                return "pid file " + path + " does not exist: the daemon is not running, or uses another pid file";
            case UNREADABLE:
                return "pid file " + path + " " + detail;
            case STARTING:
                return "pid file " + path + " is locked but holds no pid yet: a daemon is still starting on it";
            case EMPTY:
                return "pid file " + path + " is empty and nobody holds it: no daemon runs on it (a start was"
                        + " interrupted before writing its pid), and the next start takes it over";
            case DEAD:
                return "the daemon of pid file " + path + " (pid " + pid + ") is not running";
            case MISMATCHED:
                return "pid file " + path + " names pid " + pid + " but is locked by "
                        + (holder > 0 ? "pid " + holder : "another process") + ": it is not that daemon's";
            case FORBIDDEN:
                return "pid file " + path + " names pid " + pid + ", which runs as another user whom this user may"
                        + " not look at or signal: run this as that user, or as root";
            case UNLOCKED:
                return "pid file " + path + " names pid " + pid + ", which is running but does not hold the"
                        + " file's lock: it is not the daemon that wrote the file (its pid may have been reused)";
            default:
                return "the daemon of pid file " + path + " is running (pid " + pid + ")";
        }
    }
}
