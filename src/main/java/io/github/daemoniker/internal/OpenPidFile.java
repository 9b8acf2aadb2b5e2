package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A pid file this process has open: opened without following a symbolic link, without blocking,
 * and only if it is a regular file, so that nothing that is not a pid file is ever read, written
 * or waited on. Everything read or written goes through this one open file, never the path again:
 * a path can be swapped for another file between two uses, an open file cannot.
 */
public interface OpenPidFile extends AutoCloseable {

    /** The most of a pid file that is ever read: a pid file holds at most 20 bytes. */
    int MOST_READ = 64;

    /**
     * Takes this file's lock if nobody else holds one that conflicts; whether it did. Exclusive if
     * the file was opened to be written; shared if only to be read, which keeps any start out.
     */
    boolean tryLock() throws IOException;

    /** The pid of the process that holds the lock, -1 where the system cannot name it, or empty if nobody does. */
    OptionalLong holder() throws IOException;

    /**
     * The file's size and its first {@link #MOST_READ} bytes, as they were at one moment. A writer
     * between the read of the bytes and of the size (the daemon truncates, then writes its pid)
     * tears the two apart; such a read is made again, a few times, then taken as it is.
     */
    default Content read() throws IOException {
        Content content = readOnce();
        for (int attempt = 0; attempt < 5 && !content.isConsistent(); attempt++) {
            content = readOnce();
        }
        return content;
    }

    /** One read of the first {@link #MOST_READ} bytes, then of the size. */
    Content readOnce() throws IOException;

    /** Replaces the content with {@code "<pid>\n"}, through this open file. */
    void writePid(long pid) throws IOException;

    /** Whether {@code path} names this very file now (not a file put in its place). */
    boolean isAt(Path path);

    /** On Unix, the descriptor, for a relaunched process to inherit with its lock; -1 elsewhere. */
    int descriptor();

    /** Closes the file; on every system this releases a lock taken through it. */
    @Override
    void close();

    /** The first bytes of a pid file, and its whole size. */
    record Content(byte[] head, long size) {

        /** Whether the bytes and the size agree: as many bytes as the size, up to {@link #MOST_READ}. */
        boolean isConsistent() {
            return head.length == Math.min(size, MOST_READ);
        }

        /** What this project writes: {@code "<pid>\n"}, or nothing at all yet. */
        public boolean isOurs() {
            return size == 0 || size == head.length && PidFiles.parseExact(head).isPresent();
        }
    }
}
