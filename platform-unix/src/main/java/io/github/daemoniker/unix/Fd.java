package io.github.daemoniker.unix;

import io.github.daemoniker.internal.NativeStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A raw file descriptor (a pipe end, here) as a Java stream, closed once. */
final class Fd {
    private static final long FIONREAD = com.sun.jna.Platform.isMac() ? 0x4004667FL : 0x541BL;

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
        return NativeStreams.input((chunk, length) -> retrying(() -> LibC.read(fd, chunk, length), "read"), () -> {
            // what the pipe holds now
            com.sun.jna.ptr.IntByReference count = new com.sun.jna.ptr.IntByReference();
            return LibC.Variadic.INSTANCE.ioctl(fd, FIONREAD, count) == -1 ? 0 : count.getValue();
        }, this::close);
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
            if (errno != Errno.EINTR) {
                throw new IOException(what + " on descriptor " + fd + " failed: " + Errno.describe(errno));
            }
        }
    }
}
