package io.github.daemoniker.unix;

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
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                byte[] chunk = offset == 0 ? buffer : new byte[length];
                int n = retrying(() -> LibC.read(fd, chunk, length), "read");
                if (n > 0 && chunk != buffer) {
                    System.arraycopy(chunk, 0, buffer, offset, n);
                }
                return n == 0 ? -1 : n;
            }

            /** What the pipe holds now (FIONREAD). */
            @Override
            public int available() {
                com.sun.jna.ptr.IntByReference count = new com.sun.jna.ptr.IntByReference();
                return LibC.Variadic.INSTANCE.ioctl(fd, FIONREAD, count) == -1 ? 0 : count.getValue();
            }

            @Override
            public void close() {
                Fd.this.close();
            }
        };
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                byte[] rest = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
                int done = 0;
                while (done < length) {
                    byte[] chunk = done == 0 ? rest : java.util.Arrays.copyOfRange(rest, done, length);
                    done += retrying(() -> LibC.write(fd, chunk, chunk.length), "write");
                }
            }

            @Override
            public void close() {
                Fd.this.close();
            }
        };
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
