package io.github.daemoniker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A native pipe end (a Unix descriptor, a Windows handle) as Java streams, which the JDK cannot
 * open by number: each system gives its read or write call, the loops around them are the same.
 * Closing a stream runs its {@code close} once.
 */
public final class NativeStreams {

    /** One read or write of at most {@code length} bytes of {@code chunk}; a read returns 0 or less at the end. */
    @FunctionalInterface
    public interface Transfer {
        int apply(byte[] chunk, int length) throws IOException;
    }

    private NativeStreams() {
    }

    /**
     * Reads through {@code read}. No {@code available()}: asking a Windows pipe what it holds
     * (PeekNamedPipe) waits behind a ReadFile another thread has pending on the same handle.
     */
    public static InputStream input(Transfer read, Runnable close) {
        AtomicBoolean closed = new AtomicBoolean();
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
                int n = read.apply(chunk, length);
                if (n > 0 && chunk != buffer) {
                    System.arraycopy(chunk, 0, buffer, offset, n);
                }
                return n <= 0 ? -1 : n;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    close.run();
                }
            }
        };
    }

    /** Writes through {@code write}, until every byte is written. */
    public static OutputStream output(Transfer write, Runnable close) {
        AtomicBoolean closed = new AtomicBoolean();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                byte[] rest = Arrays.copyOfRange(buffer, offset, offset + length);
                while (rest.length > 0) {
                    int n = write.apply(rest, rest.length);
                    rest = Arrays.copyOfRange(rest, n, rest.length);
                }
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    close.run();
                }
            }
        };
    }
}
