package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.NativeStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/** A raw file descriptor (a pipe end, here) as a Java stream, closed once. */
final class Fd {
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    Fd(int fd) {
        this.fd = fd;
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            LibC.close(fd);
        }
    }

    /**
     * The read end as a stream whose {@code close()} ends a read pending in another thread: a
     * {@link FileChannel} of the same pipe, opened again through {@code /proc/self/fd} (call it
     * while this process still holds a write end, or the open waits for a writer); this descriptor
     * is closed. A thread left blocked in a native read would hold the original process's exit
     * for up to 300 ms (HotSpot waits for threads in native code before it halts).
     */
    InputStream input() {
        try {
            FileChannel channel = FileChannel.open(UnixPidFileAccess.DESCRIPTORS.resolve(Integer.toString(fd)),
                    StandardOpenOption.READ);
            close();
            return Channels.newInputStream(channel);
        } catch (IOException e) {
            close();
            throw new DaemonizeException("the daemon's pipe (descriptor " + fd + ") could not be opened again: "
                    + e.getMessage(), e);
        }
    }

    OutputStream output() {
        return NativeStreams.output((chunk, length) -> retrying(() -> LibC.write(fd, chunk, length), "write"),
                this::close);
    }

    private interface Call {
        int run();
    }

    private int retrying(Call call, String what) throws IOException {
        while (true) {
            int n = call.run();
            if (n >= 0) {
                return n;
            }
            int errno = Errno.last();
            if (errno != UnixConstants.EINTR) {
                throw new IOException(what + " on descriptor " + fd + " failed: " + Errno.describe(errno));
            }
        }
    }
}
