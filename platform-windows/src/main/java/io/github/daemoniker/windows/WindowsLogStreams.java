package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        HANDLE newErr;
        try {
            newErr = stderr == null ? null : stderr.equals(stdout) ? newOut : WindowsHandles.appendTo(stderr);
        } catch (RuntimeException e) {
            WindowsHandles.close(newOut);
            throw e;
        }
        OutputStream outTarget = newOut == null ? null : HandleStreams.output(newOut);
        OutputStream errTarget = newErr == null ? null : newErr == newOut ? outTarget : HandleStreams.output(newErr);
        List<OutputStream> replaced = new ArrayList<>();
        if (newOut != null) {
            Win32.KERNEL32.SetStdHandle(Win32.STD_OUTPUT_HANDLE, newOut);
            replaced.add(out == null ? null : out.target);
            out = switchTo(out, outTarget, true);
        }
        if (newErr != null) {
            Win32.KERNEL32.SetStdHandle(Win32.STD_ERROR_HANDLE, newErr);
            replaced.add(err == null ? null : err.target);
            err = switchTo(err, errTarget, false);
        }
        // one stream may have served stdout and stderr: each is closed once, when neither uses it
        replaced.stream().filter(old -> old != null && old != outTarget && old != errTarget).distinct()
                .forEach(WindowsLogStreams::close);
    }

    /** Closes a stream opened here, whose handle no one writes through any more. */
    private static void close(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            System.getLogger(WindowsLogStreams.class.getName()).log(System.Logger.Level.WARNING,
                    "a replaced log handle could not be closed", e);
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

        /** Once this returns, no write goes to the previous target: a write holds this lock throughout. */
        synchronized void switchTo(OutputStream next) {
            target = next;
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
}
