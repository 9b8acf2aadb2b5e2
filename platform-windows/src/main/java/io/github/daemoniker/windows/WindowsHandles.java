package io.github.daemoniker.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.daemoniker.DaemonizeException;
import java.nio.file.Path;

/** Opening the handles a relaunch passes on: pipes, log files, the null device. */
final class WindowsHandles {
    private static final String NULL_DEVICE = "NUL";
    private static final int SHARE_ALL = WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE | WinNT.FILE_SHARE_DELETE;

    private WindowsHandles() {
    }

    /** A pipe: {@code child} is the end a child inherits, {@code parent} the end that stays here. */
    record Pipe(HANDLE parent, HANDLE child) {
        /** A pipe the child reads ({@code toChild}) or writes. */
        static Pipe create(boolean toChild) {
            HANDLEByReference read = new HANDLEByReference();
            HANDLEByReference write = new HANDLEByReference();
            if (!Win32.KERNEL32.CreatePipe(read, write, inheritable(), 0)) {
                throw failure("a pipe to the daemon could not be created");
            }
            Pipe pipe = toChild ? new Pipe(write.getValue(), read.getValue()) : new Pipe(read.getValue(), write.getValue());
            Win32.KERNEL32.SetHandleInformation(pipe.parent(), WinBase.HANDLE_FLAG_INHERIT, 0);
            return pipe;
        }
    }

    /** A handle a child may inherit, appending to {@code file} (created if missing). */
    static HANDLE appendTo(Path file) {
        return open(file.toString(), WinNT.FILE_APPEND_DATA | WinNT.SYNCHRONIZE, WinNT.OPEN_ALWAYS, true,
                "the daemon's log " + file + " could not be opened");
    }

    /** A handle a child may inherit, reading {@code file}, or the null device for {@code null}. */
    static HANDLE readFrom(Path file) {
        return open(file == null ? NULL_DEVICE : file.toString(), WinNT.GENERIC_READ, WinNT.OPEN_EXISTING, true,
                (file == null ? "the null device" : "the daemon's stdin " + file) + " could not be opened");
    }

    /** Keeps {@code handle} from the processes this one starts. */
    static void keepFromChildren(HANDLE handle) {
        Win32.KERNEL32.SetHandleInformation(handle, WinBase.HANDLE_FLAG_INHERIT, 0);
    }

    /** A handle writing to the null device. */
    static HANDLE nullOutput() {
        return open(NULL_DEVICE, WinNT.GENERIC_WRITE, WinNT.OPEN_EXISTING, false, "the null device could not be opened");
    }

    private static HANDLE open(String name, int access, int disposition, boolean inheritable, String what) {
        HANDLE handle = Win32.KERNEL32.CreateFileW(name, access, SHARE_ALL, inheritable ? inheritable() : null,
                disposition, WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (WinBase.INVALID_HANDLE_VALUE.equals(handle)) {
            throw failure(what);
        }
        return handle;
    }

    static long value(HANDLE handle) {
        return Pointer.nativeValue(handle.getPointer());
    }

    static HANDLE of(long value) {
        return new HANDLE(new Pointer(value));
    }

    static void close(HANDLE handle) {
        if (handle != null) {
            Win32.KERNEL32.CloseHandle(handle);
        }
    }

    static DaemonizeException failure(String what) {
        return new DaemonizeException(what + ": " + describe(Win32.lastError()));
    }

    /** The system's own words for a Win32 error, with its number. */
    static String describe(int error) {
        String words;
        try {
            words = Kernel32Util.formatMessageFromLastErrorCode(error).strip();
        } catch (RuntimeException e) {
            words = "";
        }
        return (words.isEmpty() ? "" : words.replaceAll("\\.$", "") + " ") + "(Win32 error " + error + ")";
    }

    private static WinBase.SECURITY_ATTRIBUTES inheritable() {
        WinBase.SECURITY_ATTRIBUTES attributes = new WinBase.SECURITY_ATTRIBUTES();
        attributes.bInheritHandle = true;
        return attributes;
    }
}
