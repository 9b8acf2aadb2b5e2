package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The pid file rules that are the same everywhere: the {@code "<pid>\n"} format, what is said when
 * a pid file cannot be used, and the removal of a dead daemon's file.
 */
public final class PidFiles {
    private PidFiles() {
    }

    /** The content written to a pid file. */
    public static String format(long pid) {
        return pid + "\n";
    }

    /** The pid of a file holding {@code "<pid>\n"} or {@code "<pid>"} and nothing else. */
    static OptionalLong parse(byte[] content) {
        return parse(content, false);
    }

    /** The pid of a file holding exactly what this project writes, {@code "<pid>\n"}. */
    static OptionalLong parseExact(byte[] content) {
        return parse(content, true);
    }

    /**
     * 1 to 19 digits, the first not 0, then a newline (optional unless {@code exact}). Read by
     * hand: a daemon checks its pid file before it reports ready, and the first regular
     * expression of a JVM costs milliseconds there.
     */
    private static OptionalLong parse(byte[] content, boolean exact) {
        int digits = content.length > 0 && content[content.length - 1] == '\n' ? content.length - 1 : content.length;
        if (digits < 1 || digits > 19 || content[0] == '0' || exact && digits == content.length) {
            return OptionalLong.empty();
        }
        long pid = 0;
        for (int i = 0; i < digits; i++) {
            if (content[i] < '0' || content[i] > '9') {
                return OptionalLong.empty();
            }
            pid = pid * 10 + (content[i] - '0');
            if (pid < 0) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(pid);
    }

    /** The first line of what a file holds, as a person could read it in a message. */
    static String shown(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return "'" + (first.length() > 40 || text.length() > first.length() + 1 ? first.substring(0,
                Math.min(40, first.length())) + "..." : first) + "'";   // ASCII: a C locale prints no '?' for it
    }

    /** A file at a pid file's path that is a link, directory, FIFO, device or socket. */
    public static IOException notRegular(Path path, String what) {
        return new WrongType(path, what, "a regular file", what.equals("a symbolic link")
                ? ", and Daemoniker does not follow links: give the real path"
                : ": Daemoniker uses only regular files for pid files; choose another path");
    }

    /**
     * Refuses a pid file with more than one name: {@code ln other.conf app.pid} makes other.conf's
     * content the pid file's, and a pid written there would stay in other.conf after the daemon.
     */
    public static void requireOneName(Path path, int links) throws IOException {
        if (links > 1) {
            throw new WrongType(path, "a file with " + links + " names (a hard link)", "a file of its own",
                    ": Daemoniker never writes into a file that has another name; choose another path");
        }
    }

    /** The failure to open {@code path} as a pid file, as one sentence that says what to do. */
    static DaemonizeException cannotOpen(Path path, IOException e) {
        if (e instanceof WrongType wrong) {
            return new DaemonizeException("pid file " + path + " " + wrong.getReason() + wrong.advice, e);
        }
        if (e instanceof NoSuchFileException) {
            return new DaemonizeException("the directory of pid file " + path + " does not exist: create "
                    + path.getParent() + " first", e);
        }
        if (e instanceof AccessDeniedException denied) {
            return new DaemonizeException("pid file " + path + " cannot be opened by this user ("
                    + (denied.getReason() == null ? "permission denied" : denied.getReason()) + "): run as its owner,"
                    + " or choose another path", e);
        }
        if (isReadOnly(path)) {
            return new DaemonizeException("pid file " + path + " cannot be written: its file system is read-only;"
                    + " choose a path on a writable one (/run, /tmp)", e);
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
        return new DaemonizeException("pid file " + path + " could not be opened: " + reason, e);
    }

    /**
     * Whether the file system that holds {@code path} (or would) is mounted read-only. The kernel is
     * asked (access(2) answers EROFS): the JDK's file store misses a read-only bind mount, whose
     * device is its parent's.
     */
    static boolean isReadOnly(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    p.getFileSystem().provider().checkAccess(p, java.nio.file.AccessMode.WRITE);
                    return false;
                } catch (AccessDeniedException | NoSuchFileException e) {
                    return false;
                } catch (FileSystemException e) {
                    return String.valueOf(e.getReason()).contains("Read-only") || isReadOnlyStore(p);
                } catch (IOException e) {
                    return isReadOnlyStore(p);
                }
            }
        }
        return false;
    }

    private static boolean isReadOnlyStore(Path path) {
        try {
            return Files.getFileStore(path).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    /** An existing file that holds something other than a pid: never truncated, written or removed. */
    static DaemonizeException notOurs(Path path, OpenPidFile.Content content) {
        return new DaemonizeException("pid file " + path + " already exists and is not a pid file (it holds "
                + shown(content.head()) + ", " + content.size() + " bytes): Daemoniker leaves it as it is;"
                + " remove it yourself if it is a stale pid file, or choose another path");
    }

    /**
     * Refuses a pid file that belongs to a user other than this one or root, as systemd refuses an
     * unsafe {@code PIDFile=}: its owner could rewrite it at any time, and make status and stop
     * refuse the real daemon for good.
     */
    static void requireOwnedHere(Path path) throws IOException {
        java.util.OptionalLong self = ThisProcess.effectiveUid();
        if (self.isEmpty()) {
            return;
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (owner != 0 && owner != self.getAsLong()) {
            throw new DaemonizeException("pid file " + path + " belongs to another user (uid " + owner + "), who could"
                    + " rewrite it at any time: Daemoniker takes only a pid file of this user or root; remove it,"
                    + " or choose a path in a directory only this user may write");
        }
    }

    public static DaemonizeException alreadyRunning(Path pidFile, long pid) {
        return new DaemonizeException("a daemon is already running (pid " + pid + ") with pid file " + pidFile
                + ": stop it first, or choose another pid file");
    }

    /**
     * The pid file a daemon could not remove itself (killed, failed to start, or a program started
     * by the command line): waits, at most five seconds, for its lock to go with the process, then
     * removes the file, holding its lock, if it still holds exactly {@code pid} and that process is gone.
     *
     * @return whether the file is gone now (removed here, or by someone else)
     */
    public static boolean removeIfDead(Path pidFile, long pid) {
        Poll.until(() -> !PidFileStatus.of(pidFile).isLocked(), Duration.ofSeconds(5));
        Path path = PidFileStatus.absolute(pidFile);
        return PidFileRemoval.removeStale(path, pid, Platform.current());
    }

    /** Not a regular file of its own: what it is, what it should be, and what to do. */
    private static final class WrongType extends FileSystemException {
        private static final long serialVersionUID = 1L;
        private final String advice;

        WrongType(Path path, String what, String notWhat, String advice) {
            super(path.toString(), null, "is " + what + ", not " + notWhat);
            this.advice = advice;
        }
    }

    /** Whether some process holds the lock of the file at {@code path} (Windows' probe, which names nobody). */
    public static boolean isLocked(Path path) throws IOException {
        try (OpenPidFile file = Platform.current().pidFiles().open(path, false)) {
            return file.holder().isPresent();
        }
    }
}
