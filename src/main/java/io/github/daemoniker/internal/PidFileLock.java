package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A pid file whose exclusive lock this process holds, for its whole life or until released. The
 * lock dies with its holder, so the file of a daemon killed with SIGKILL is simply taken over.
 * Only what this project writes is ever taken: an empty file or {@code "<pid>\n"}; anything else
 * at the path is refused and left exactly as it was. The file is removed only while its lock is
 * held, and only while it still holds nothing or the pid written into it.
 */
public final class PidFileLock {
    private static final int ATTEMPTS = 10;

    /** The pid files this process holds: told apart by file identity, never by path text. */
    private static final Set<PidFileLock> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private volatile OpenPidFile file;
    private final AtomicBoolean released = new AtomicBoolean();

    private PidFileLock(Path path, OpenPidFile file) {
        this.path = path;
        this.file = file;
    }

    /**
     * Thrown when another live process holds the lock, saying who as a reader saw the file at
     * that moment ({@link PidFileStatus#inUse}); {@code otherwise} where the reader saw it free
     * again (its holder let go since).
     */
    static final class HeldException extends DaemonizeException {
        private static final long serialVersionUID = 1L;

        HeldException(Path path, String otherwise) {
            super(PidFileStatus.of(path).inUseSentence(otherwise));
        }

        HeldException(Path path) {
            this(path, "pid file " + path + " is locked by another process");
        }
    }

    /**
     * Takes the lock of the file at {@code path}, creating it if needed, never through a symbolic
     * link. A file removed or replaced between open and lock is opened again.
     */
    static PidFileLock acquire(Path path, Platform platform) {
        return acquire(path, platform, Opening.PLAIN);
    }

    /**
     * {@link #acquire}, in a relaunched daemon that has not loaded its native layer yet; then
     * {@link #settle}, once it has.
     */
    static PidFileLock acquireBeforeNative(Path path, Platform platform) {
        return acquire(path, platform, Opening.BEFORE_NATIVE);
    }

    /**
     * How the file is opened (see {@link PidFileAccess}). Not a lambda: a daemon locks its pid file
     * before it reports ready, and the first lambda of a JVM costs milliseconds there.
     */
    private enum Opening {
        PLAIN, BEFORE_NATIVE, TO_MARK_START;

        OpenPidFile open(Path path, Platform platform) {
            try {
                switch (this) {
                    case BEFORE_NATIVE:
                        return platform.pidFiles().openBeforeNative(path);
                    case TO_MARK_START:
                        return platform.pidFiles().openToMarkStart(path);
                    default:
                        return platform.pidFiles().open(path, true);
                }
            } catch (IOException e) {
                throw PidFiles.cannotOpen(path, e);
            }
        }
    }

    private static PidFileLock acquire(Path path, Platform platform, Opening opening) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            OpenPidFile file = opening.open(path, platform);
            boolean locked = false;
            try {
                if (!tryLockPatiently(file)) {
                    throw new HeldException(path);
                }
                // before it counts as locked here: a file of another user is refused, never removed
                PidFiles.requireOwnedHere(path);
                locked = true;
                if (file.isAt(path)) {
                    OpenPidFile.Content content = file.read();
                    if (!content.isOurs()) {
                        throw PidFiles.notOurs(path, content);
                    }
                    PidFileLock lock = new PidFileLock(path, file);
                    HELD.add(lock);
                    return lock;
                }
            } catch (IOException e) {
                file.close();
                throw new DaemonizeException("pid file " + path + " could not be locked: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                if (locked) {
                    // an empty file this start may have created goes with it
                    PidFileRemoval.removeQuietly(path, file);
                }
                file.close();
                throw e;
            }
            file.close();
        }
        throw new DaemonizeException("pid file " + path + " kept being replaced while it was being locked:"
                + " another program is rewriting it");
    }

    /** How long a refused lock is asked for again before it counts as held: a reader's lasts a moment. */
    private static final Duration REFUSAL_PATIENCE = Duration.ofMillis(50);

    /**
     * A reader takes a shared lock for a moment (Windows' lock probe, the removal of a stale
     * file): a lock refused once is asked for again, every 10 ms for 50 ms, before it counts as held.
     * Not a lambda: a daemon locks its pid file before it reports ready.
     */
    private static boolean tryLockPatiently(OpenPidFile file) throws IOException {
        if (file.tryLock()) {
            // the usual case, on every start's way to ready: nothing of Poll's to load for it
            return true;
        }
        try {
            return Poll.until(new BooleanSupplier() {
                @Override
                public boolean getAsBoolean() {
                    try {
                        return file.tryLock();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, REFUSAL_PATIENCE, 10_000_000L);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * {@link #acquire}, but a start in progress on the same file is waited for, so that the
     * daemon it started is named; a start that failed meanwhile leaves the file to this one.
     */
    static PidFileLock acquireForStart(Path path, Platform platform) {
        return acquireForStart(path, platform, Opening.PLAIN);
    }

    /**
     * {@link #acquireForStart}, but only the mark of a start in progress, which the daemon's own
     * lock does not conflict with (see {@link PidFileAccess#openToMarkStart}).
     */
    static PidFileLock markStart(Path path, Platform platform) {
        return acquireForStart(path, platform, Opening.TO_MARK_START);
    }

    private static PidFileLock acquireForStart(Path path, Platform platform, Opening opening) {
        for (int attempt = 0; ; attempt++) {
            try {
                return acquire(path, platform, opening);
            } catch (HeldException held) {
                java.util.Optional<DaemonizeException> inUse = PidFileStatus.settled(path).inUse();
                if (inUse.isPresent()) {
                    throw inUse.get();
                }
                if (attempt == ATTEMPTS) {
                    throw held;
                }
            }
        }
    }

    /** In a daemon whose native layer is loaded now: the lock moved onto the kind every other lock is. */
    void settle(Platform platform) {
        try {
            file = platform.pidFiles().settle(path, file);
        } catch (IOException e) {
            throw new DaemonizeException("pid file " + path + " could not be kept locked: " + e.getMessage(), e);
        }
    }

    /** The open file, for a relaunched process to inherit. */
    OpenPidFile file() {
        return file;
    }

    /** Replaces the file's content with {@code "<pid>\n"}. */
    public void writePid(long pid) {
        try {
            file.writePid(pid);
        } catch (IOException e) {
            throw new DaemonizeException("pid file " + path + " could not be written: " + e.getMessage()
                    + (PidFiles.isReadOnly(path) ? " (its file system is read-only)" : ""), e);
        }
    }

    /**
     * Makes the file this process's for its life: writes its pid, and removes the file and
     * releases the lock when the JVM shuts down.
     */
    void holdForLife() {
        writePid(ThisProcess.pid());
        Runtime.getRuntime().addShutdownHook(new Thread("daemoniker-pid-file") {
            @Override
            public void run() {
                release();
            }
        });
    }

    /** Removes the file if it is still this process's own, while still holding the lock; then releases it. */
    public void release() {
        removeAndRelease(ThisProcess.pid());
    }

    /**
     * Removes the file while still holding the lock, if {@code path} still names it and it holds
     * nothing or {@code pid}; then releases the lock.
     */
    void removeAndRelease(long pid) {
        if (released.compareAndSet(false, true)) {
            try {
                PidFileRemoval.removeIfStill(path, file, pid);
            } catch (IOException e) {
                // the file stays; its lock goes with this process, so the next daemon takes it over
                System.getLogger(PidFileLock.class.getName()).log(System.Logger.Level.WARNING,
                        "pid file " + path + " could not be removed: " + e.getMessage());
            } finally {
                HELD.remove(this);
                file.close();
            }
        }
    }

    /** Lets go of this process's copy: the relaunched process holds the lock through its own. */
    void handOver() {
        if (released.compareAndSet(false, true)) {
            HELD.remove(this);
            file.close();
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

    /** The lock this process holds of the file at {@code path}, if it holds one. */
    static PidFileLock heldHere(Path path) {
        for (PidFileLock lock : HELD) {
            if (lock.file.isAt(path)) {
                return lock;
            }
        }
        return null;
    }
}
