package io.github.daemoniker.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Win32 calls Daemoniker makes, each by its own name in kernel32 (its MSDN page is the name),
 * with its header and return convention on its line; every call that fails leaves its reason in
 * {@link #lastError()}, which {@code WindowsHandles.describe} and {@code failure} turn into words.
 * All of Windows' numbers are here too.
 */
interface Win32 extends StdCallLibrary {
    Win32 KERNEL32 = Native.load("kernel32", Win32.class, W32APIOptions.UNICODE_OPTIONS);

    int ERROR_ACCESS_DENIED = 5;
    int ERROR_BROKEN_PIPE = 109;
    int FILE_TYPE_PIPE = 3;
    int SW_HIDE = 0;
    int CTRL_C_EVENT = 0;
    int CTRL_BREAK_EVENT = 1;
    /** The exit code of a process ended by a console's Ctrl+C. */
    int STATUS_CONTROL_C_EXIT = 0xC000013A;
    int STD_INPUT_HANDLE = -10;
    int STD_OUTPUT_HANDLE = -11;
    int STD_ERROR_HANDLE = -12;
    int JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9;
    int JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
    int PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x20002;
    /** Windows 10+: the jobs a process starts in. */
    int PROC_THREAD_ATTRIBUTE_JOB_LIST = 0x2000D;

    /** The Win32 error of the last call on this thread, as JNA kept it. */
    static int lastError() {
        return Native.getLastError();
    }

    /** GetCommandLineW (processenv.h): this process's command line; it cannot fail. */
    Pointer GetCommandLineW();

    /** CreateProcessW (processthreadsapi.h): true, or false and the last error. */
    boolean CreateProcessW(String applicationName, char[] commandLine, WinBase.SECURITY_ATTRIBUTES processAttributes,
                           WinBase.SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles, int creationFlags,
                           Pointer environment, String currentDirectory, Win32Types.StartupInfoEx startupInfo,
                           WinBase.PROCESS_INFORMATION processInformation);

    /** CreateProcessW (processthreadsapi.h): true, or false and the last error. */
    boolean CreateProcessW(String applicationName, char[] commandLine, WinBase.SECURITY_ATTRIBUTES processAttributes,
                           WinBase.SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles, int creationFlags,
                           Pointer environment, String currentDirectory, WinBase.STARTUPINFO startupInfo,
                           WinBase.PROCESS_INFORMATION processInformation);

    /** InitializeProcThreadAttributeList: true, or false and the last error (ERROR_INSUFFICIENT_BUFFER when asked for the size). */
    boolean InitializeProcThreadAttributeList(Pointer attributeList, int attributeCount, int flags,
                                              BaseTSD.ULONG_PTRByReference size);

    /** UpdateProcThreadAttribute: true, or false and the last error. */
    boolean UpdateProcThreadAttribute(Pointer attributeList, int flags, BaseTSD.ULONG_PTR attribute, Pointer value,
                                      BaseTSD.SIZE_T size, Pointer previousValue, Pointer returnSize);

    /** DeleteProcThreadAttributeList: it cannot fail. */
    void DeleteProcThreadAttributeList(Pointer attributeList);

    /** CreatePipe (namedpipeapi.h): true, or false and the last error. */
    boolean CreatePipe(HANDLEByReference readPipe, HANDLEByReference writePipe,
                       WinBase.SECURITY_ATTRIBUTES pipeAttributes, int size);

    /** SetHandleInformation (handleapi.h): true, or false and the last error. */
    boolean SetHandleInformation(HANDLE handle, int mask, int flags);

    /** CreateFileW (fileapi.h): the handle, or INVALID_HANDLE_VALUE and the last error. */
    HANDLE CreateFileW(String fileName, int desiredAccess, int shareMode, WinBase.SECURITY_ATTRIBUTES securityAttributes,
                       int creationDisposition, int flagsAndAttributes, HANDLE templateFile);

    /** ReadFile (fileapi.h): true, or false and the last error (ERROR_BROKEN_PIPE at a pipe's end). */
    boolean ReadFile(HANDLE file, byte[] buffer, int toRead, IntByReference read, Pointer overlapped);

    /** WriteFile (fileapi.h): true, or false and the last error. */
    boolean WriteFile(HANDLE file, byte[] buffer, int toWrite, IntByReference written, Pointer overlapped);


    /** GetFileType (fileapi.h): FILE_TYPE_*, FILE_TYPE_UNKNOWN (0) for a bad handle. */
    int GetFileType(HANDLE file);

    /** CloseHandle (handleapi.h): true, or false and the last error. */
    boolean CloseHandle(HANDLE handle);

    /** SetStdHandle (processenv.h): true, or false and the last error. */
    boolean SetStdHandle(int stdHandle, HANDLE handle);

    /** GetStdHandle (processenv.h): the handle, null if there is none, INVALID_HANDLE_VALUE on an error. */
    HANDLE GetStdHandle(int stdHandle);

    /** SetCurrentDirectoryW (winbase.h): true, or false and the last error. */
    boolean SetCurrentDirectoryW(String pathName);

    /** CreateJobObjectW (jobapi2.h): the job, or null and the last error. */
    HANDLE CreateJobObjectW(WinBase.SECURITY_ATTRIBUTES jobAttributes, String name);

    /** SetInformationJobObject (jobapi2.h): true, or false and the last error. */
    boolean SetInformationJobObject(HANDLE job, int infoClass, Structure info, int length);

    /** AssignProcessToJobObject (jobapi2.h): true, or false and the last error. */
    boolean AssignProcessToJobObject(HANDLE job, HANDLE process);

    /** OpenProcess (processthreadsapi.h): the process, or null and the last error. */
    HANDLE OpenProcess(int desiredAccess, boolean inheritHandle, int processId);

    /** TerminateProcess (processthreadsapi.h): true, or false and the last error. */
    boolean TerminateProcess(HANDLE process, int exitCode);

    /** GetExitCodeProcess (processthreadsapi.h): true, or false and the last error; STILL_ACTIVE (259) while it runs. */
    boolean GetExitCodeProcess(HANDLE process, IntByReference exitCode);

    /** WaitForSingleObject (synchapi.h): WAIT_OBJECT_0, WAIT_TIMEOUT, or WAIT_FAILED and the last error. */
    int WaitForSingleObject(HANDLE handle, int milliseconds);

    /** GetProcessTimes (processthreadsapi.h): true, or false and the last error; times in 100 ns since 1601. */
    boolean GetProcessTimes(HANDLE process, LongByReference creationTime, LongByReference exitTime,
                            LongByReference kernelTime, LongByReference userTime);

    /** SetConsoleCtrlHandler (consoleapi.h): true, or false and the last error. */
    boolean SetConsoleCtrlHandler(Win32Types.ConsoleHandler handler, boolean add);
}
