package io.github.daemoniker;

import io.github.daemoniker.internal.PidFileLock;
import io.github.daemoniker.internal.PidFileStatus;
import io.github.daemoniker.internal.Poll;
import io.github.daemoniker.internal.ThisProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The daemon's pid file, on its own: for a foreground program that wants the same guarantees
 * (pandaemonium's {@code PidLockFile}). The lock is held for as long as this process runs or
 * until {@link #release()}; a file left by a process that died is taken over.
 *
 * <pre>{@code
 * try (PidLockFile pidFile = new PidLockFile(Path.of("/run/tool.pid"))) {
 *     pidFile.acquire(Duration.ofSeconds(5));     // waits for a previous run to finish
 *     pidFile.seal();                             // writes this process's pid
 *     work();
 * }                                               // removes the file, releases the lock
 * }</pre>
 *
 * <p>On Linux the lock belongs to the open file (an open-file-description lock), so reading the
 * file elsewhere in this process does not drop it. On macOS it is a POSIX record lock, which
 * closing any descriptor of the file drops: do not open the file yourself there.
 */
public final class PidLockFile implements AutoCloseable {
    private static final long RETRY_NANOS = 20_000_000L;

    private final Path path;
    private PidFileLock lock;

    /** The pid file at {@code path}, not yet taken. */
    public PidLockFile(Path path) {
        this.path = PidFileStatus.absolute(Objects.requireNonNull(path, "path"));
    }

    /** The pid file, as an absolute path. */
    public Path path() {
        return path;
    }

    /** Takes the lock now, or fails naming who holds it. */
    public void acquire() {
        acquire(Duration.ZERO);
    }

    /**
     * Takes the lock, waiting at most {@code timeout} for its holder to let go.
     *
     * @throws DaemonizeException naming the holder's pid if it did not
     */
    public synchronized void acquire(Duration timeout) {
        if (lock != null) {
            throw new DaemonikerException("pid file " + path + " is already held by this PidLockFile");
        }
        DaemonizeException held = Poll.until(this::tryAcquire, Objects::isNull, timeout, RETRY_NANOS);
        if (held != null) {
            throw held;
        }
    }

    /** Takes the lock if nobody holds it: null; the refusal if a live process does. */
    private DaemonizeException tryAcquire() {
        try {
            lock = PidFileLock.tryAcquire(path);
            return null;
        } catch (DaemonizeException e) {
            if (!PidFileLock.isHeld(e)) {
                throw e;
            }
            return e;
        }
    }

    /** Writes this process's pid into the held file. */
    public synchronized void seal() {
        if (lock == null) {
            throw new DaemonikerException("pid file " + path + " must be acquired before it is sealed");
        }
        lock.writePid(ThisProcess.pid());
    }

    /** Whether this PidLockFile holds the lock. */
    public synchronized boolean isHeld() {
        return lock != null;
    }

    /** Removes the file and releases the lock. Idempotent. */
    public synchronized void release() {
        if (lock != null) {
            lock.release();
            lock = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
