package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Opening pid files, and asking which process has one open. */
public interface PidFileAccess {

    /**
     * Opens the regular file at {@code path} as a pid file (see {@link OpenPidFile}), read-write
     * and created if missing when {@code create}.
     */
    OpenPidFile open(Path path, boolean create) throws IOException;

    /**
     * Opens the pid file a relaunched daemon locks itself, before its native layer is loaded (it
     * is loaded only once the daemon has reported ready); {@link #settle} follows, once it is.
     */
    default OpenPidFile openBeforeNative(Path path) throws IOException {
        return open(path, true);
    }

    /**
     * Opens the pid file an original process marks while the daemon it launched starts (see
     * {@link #marksStart}): its lock says "a start is in progress" to every other start, status and
     * stop, but not to that daemon, which takes its own lock.
     */
    default OpenPidFile openToMarkStart(Path path) throws IOException {
        throw new UnsupportedOperationException("only Linux marks a start in progress");
    }

    /**
     * In a daemon whose native layer is loaded now: the file from {@link #openBeforeNative}, its
     * lock moved onto the kind {@link #open} takes, without a moment unlocked; the same file
     * where both are the same.
     */
    default OpenPidFile settle(Path path, OpenPidFile file) throws IOException {
        return file;
    }

    /**
     * Whether the original process marks the pid file while its daemon starts ({@link #openToMarkStart}),
     * so that a second start or a {@code stop} sees a start in progress. Either way the daemon locks
     * the file itself.
     */
    boolean marksStart();

    /**
     * Whether process {@code pid} has the file now at {@code path} open. Plain Java for this
     * process, so that a daemon can check its pid file before the native layer is loaded.
     */
    boolean hasOpen(long pid, Path path);

    /**
     * Whether closing any descriptor of a file drops every lock this process holds of it (POSIX
     * record locks); Windows' locks belong to their handle.
     */
    default boolean closingDropsOwnLocks() {
        return false;
    }

    /**
     * Whether this process may look at what process {@code pid} has open (on Linux, another
     * user's descriptors are closed to all but root): where it may not, {@link #hasOpen} cannot tell.
     */
    default boolean mayLookAt(long pid) {
        return true;
    }

    /**
     * A process other than {@code except} that has the file at {@code path} open, where the system
     * can tell (-1 where it cannot): the likely holder of a lock that names no process.
     */
    long otherProcessWithOpen(Path path, long except);
}
