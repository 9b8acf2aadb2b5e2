package io.github.daemoniker.unix;

import io.github.daemoniker.internal.NativeStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    InputStream input() {
        return NativeStreams.input((chunk, length) -> retrying(() -> LibC.read(fd, chunk, length), "read"),
                this::close);
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
