package io.github.daemoniker.internal;

import java.nio.file.Path;

/** A pid file whose exclusive lock this process holds. */
public interface PidFileLock {

    Path path();

    /** Replaces the file's content with {@code "<pid>\n"}. */
    void writePid(long pid);

    /** Removes the file if it is still the one this lock holds, then releases the lock. */
    void release();
}
