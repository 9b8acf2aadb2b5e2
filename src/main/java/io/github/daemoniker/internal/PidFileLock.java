package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pid file whose exclusive lock this process holds for its whole life. The lock is the JDK's
 * (POSIX record locks on Unix, LockFileEx on Windows): it dies with the process, so the file of a
 * daemon killed with SIGKILL is simply taken over, and another process can ask who holds it.
 * On Unix such a lock is dropped when its process closes any descriptor of the file, so the
 * daemon never opens its own pid file again. Windows locks are mandatory, so the lock covers one
 * byte far beyond the end of the file, never its content: anyone can read the pid.
 */
public final class PidFileLock {
    private static final int ATTEMPTS = 10;

    /** The locked byte: beyond any pid file's end, and inside every whole-file lock. */
    static final long LOCKED_BYTE = Long.MAX_VALUE - 1;

    /** The pid files this process holds: never to be opened again here, see above. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final Platform platform;
    private final AtomicBoolean released = new AtomicBoolean();

    private PidFileLock(Path path, FileChannel channel, Platform platform) {
        this.path = path;
        this.channel = channel;
        this.platform = platform;
    }

    /** Thrown when another live process holds the lock; the original process names it. */
    static final class HeldException extends DaemonizeException {
        private static final long serialVersionUID = 1L;

        HeldException(Path path) {
            super("pid file " + path + " is locked by another process");
        }
    }

    /**
     * Takes the lock of the file at {@code path}, creating it if needed, never through a
     * symbolic link. A file removed or replaced between open and lock is opened again.
     */
    static PidFileLock acquire(Path path, Platform platform) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = open(path);
            try {
                FileLock lock = channel.tryLock(LOCKED_BYTE, 1, false);
                if (lock == null) {
                    throw new HeldException(path);
                }
                if (platform.hasOpen(ProcessHandle.current().pid(), path)) {
                    HELD.add(path);
                    return new PidFileLock(path, channel, platform);
                }
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new DaemonizeException("pid file " + path + " could not be locked: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
            closeQuietly(channel);
        }
        throw new DaemonizeException("pid file " + path + " kept being replaced while it was being locked:"
                + " another program is rewriting it");
    }

    private static FileChannel open(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new DaemonizeException("the directory of pid file " + path + " does not exist: create "
                    + path.getParent() + " first", e);
        } catch (AccessDeniedException e) {
            throw new DaemonizeException("pid file " + path + " cannot be written by this user", e);
        } catch (IOException e) {
            if (Files.isSymbolicLink(path)) {
                throw new DaemonizeException("pid file " + path + " is a symbolic link, which Daemoniker does not"
                        + " follow: give the real path", e);
            }
            throw new DaemonizeException("pid file " + path + " could not be opened: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Replaces the file's content with {@code "<pid>\n"}. */
    public void writePid(long pid) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(PidFiles.format(pid).getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new DaemonizeException("pid file " + path + " could not be written: " + e.getMessage(), e);
        }
    }

    /** A shutdown hook that releases this lock. */
    Thread releaseOnExit() {
        return new Thread("daemoniker-pid-file") {
            @Override
            public void run() {
                release();
            }
        };
    }

    /** Removes the file, if it is still the one locked, while still holding the lock; then releases it. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            try {
                if (platform.hasOpen(ProcessHandle.current().pid(), path)) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // the file stays; its lock goes with this process, so the next daemon takes it over
                System.getLogger(PidFileLock.class.getName()).log(System.Logger.Level.WARNING,
                        "pid file " + path + " could not be removed: " + e.getMessage());
            } finally {
                HELD.remove(path);
                closeQuietly(channel);
            }
        }
    }

    /** For {@code PidLockFile}: takes the lock now, with the current platform. */
    public static PidFileLock tryAcquire(Path path) {
        return acquire(path, Platform.current());
    }

    /** Whether {@code failure} means another live process holds the lock. */
    public static boolean isHeld(DaemonizeException failure) {
        return failure instanceof HeldException;
    }

    /** The failure said in full: for a held lock, who holds it. */
    public static DaemonizeException explain(Path path, DaemonizeException failure) {
        return failure instanceof HeldException
                ? PidFileStatus.of(path).inUse().orElse(failure)
                : failure;
    }

    /**
     * Whether some process holds the lock of the file at {@code path}: for Windows, which cannot
     * ask who. Here it tries for a shared lock itself, which on Unix would drop this process's
     * own locks of the file: Unix asks the system who holds it instead.
     */
    public static boolean isLocked(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock probe = channel.tryLock(LOCKED_BYTE, 1, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** Whether this process holds the lock of the pid file at {@code path}. */
    static boolean heldHere(Path path) {
        return HELD.contains(path);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock whatever the error says
        }
    }
}
