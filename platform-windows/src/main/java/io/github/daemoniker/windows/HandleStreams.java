package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import io.github.daemoniker.internal.NativeStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Java streams over Win32 pipe handles; closing a stream closes its handle, once. */
final class HandleStreams {

    private HandleStreams() {
    }

    static InputStream input(HANDLE handle) {
        return NativeStreams.input((chunk, length) -> {
            IntByReference read = new IntByReference();
            if (!Win32.KERNEL32.ReadFile(handle, chunk, length, read, null)) {
                int error = Win32.lastError();
                if (error == Win32.ERROR_BROKEN_PIPE) {
                    return -1;
                }
                throw new IOException("reading a pipe failed: " + WindowsHandles.describe(error));
            }
            return read.getValue();
        }, () -> WindowsHandles.close(handle));
    }

    static OutputStream output(HANDLE handle) {
        return NativeStreams.output((chunk, length) -> {
            IntByReference written = new IntByReference();
            if (!Win32.KERNEL32.WriteFile(handle, chunk, length, written, null)) {
                throw new IOException("writing a pipe failed: " + WindowsHandles.describe(Win32.lastError()));
            }
            return written.getValue();
        }, () -> WindowsHandles.close(handle));
    }
}
