package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A daemon's stdout and stderr opened again by path, the Windows way: Windows has no dup2, so the
 * new files become the standard handles (for the programs the daemon starts) and the targets of
 * {@code System.out} and {@code System.err}, which are, from the first reopening on, streams
 * whose file can change under them: a logger that kept {@code System.err} follows too. Handles
 * opened here are closed once replaced, so a rotated file can be renamed and removed; the ones
 * the daemon was started with stay open, as the C runtime keeps their values.
 */
final class WindowsLogStreams {
    private static Switchable out;
    private static Switchable err;

    private WindowsLogStreams() {
    }

    static synchronized void reopen(Path stdout, Path stderr) {
        HANDLE newOut = stdout == null ? null : WindowsHandles.appendTo(stdout);
        HANDLE newErr = stderr == null ? null : stderr.equals(stdout) ? newOut : WindowsHandles.appendTo(stderr);
        OutputStream outTarget = newOut == null ? null : HandleStreams.output(newOut);
        OutputStream errTarget = newErr == null ? null : newErr == newOut ? outTarget : HandleStreams.output(newErr);
        if (newOut != null) {
            Win32.KERNEL32.SetStdHandle(Win32.STD_OUTPUT_HANDLE, newOut);
            out = switchTo(out, outTarget, true);
        }
        if (newErr != null) {
            Win32.KERNEL32.SetStdHandle(Win32.STD_ERROR_HANDLE, newErr);
            err = switchTo(err, errTarget, false);
        }
    }

    /** {@code current}, or a new switchable stream made System.out or System.err, now writing to {@code target}. */
    private static Switchable switchTo(Switchable current, OutputStream target, boolean isOut) {
        if (current == null) {
            Switchable created = new Switchable(target);
            PrintStream stream = new PrintStream(created, true);
            (isOut ? System.out : System.err).flush();
            if (isOut) {
                System.setOut(stream);
            } else {
                System.setErr(stream);
            }
            return created;
        }
        current.switchTo(target);
        return current;
    }

    /** Writes to one target at a time; a write is never split between two. */
    private static final class Switchable extends OutputStream {
        private OutputStream target;

        Switchable(OutputStream target) {
            this.target = target;
        }

        synchronized void switchTo(OutputStream next) {
            OutputStream previous = target;
            target = next;
            // the same stream may serve stdout and stderr: closed when neither uses it
            if (previous != next && previous != (this == out ? errTarget() : outTarget())) {
                try {
                    previous.close();
                } catch (IOException e) {
                    // its handle was ours, and is no longer used
                }
            }
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }
    }

    private static OutputStream outTarget() {
        return out == null ? null : out.target;
    }

    private static OutputStream errTarget() {
        return err == null ? null : err.target;
    }
}
