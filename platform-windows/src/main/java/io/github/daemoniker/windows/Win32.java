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
 * The Win32 calls Daemoniker makes, each by its own name in kernel32. Every call that fails leaves its reason in {@link #lastError()}.
 */
interface Win32 extends StdCallLibrary {
    Win32 KERNEL32 = Native.load("kernel32", Win32.class, W32APIOptions.UNICODE_OPTIONS);

    int ERROR_ACCESS_DENIED = 5;
    int ERROR_BROKEN_PIPE = 109;
    int FILE_TYPE_PIPE = 3;
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

    Pointer GetCommandLineW();

    boolean CreateProcessW(String applicationName, char[] commandLine, WinBase.SECURITY_ATTRIBUTES processAttributes,
                           WinBase.SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles, int creationFlags,
                           Pointer environment, String currentDirectory, Win32Types.StartupInfoEx startupInfo,
                           WinBase.PROCESS_INFORMATION processInformation);

    boolean CreateProcessW(String applicationName, char[] commandLine, WinBase.SECURITY_ATTRIBUTES processAttributes,
                           WinBase.SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles, int creationFlags,
                           Pointer environment, String currentDirectory, WinBase.STARTUPINFO startupInfo,
                           WinBase.PROCESS_INFORMATION processInformation);

    boolean InitializeProcThreadAttributeList(Pointer attributeList, int attributeCount, int flags,
                                              BaseTSD.ULONG_PTRByReference size);

    boolean UpdateProcThreadAttribute(Pointer attributeList, int flags, BaseTSD.ULONG_PTR attribute, Pointer value,
                                      BaseTSD.SIZE_T size, Pointer previousValue, Pointer returnSize);

    void DeleteProcThreadAttributeList(Pointer attributeList);

    boolean CreatePipe(HANDLEByReference readPipe, HANDLEByReference writePipe,
                       WinBase.SECURITY_ATTRIBUTES pipeAttributes, int size);

    boolean SetHandleInformation(HANDLE handle, int mask, int flags);

    HANDLE CreateFileW(String fileName, int desiredAccess, int shareMode, WinBase.SECURITY_ATTRIBUTES securityAttributes,
                       int creationDisposition, int flagsAndAttributes, HANDLE templateFile);

    boolean ReadFile(HANDLE file, byte[] buffer, int toRead, IntByReference read, Pointer overlapped);

    boolean WriteFile(HANDLE file, byte[] buffer, int toWrite, IntByReference written, Pointer overlapped);


    int GetFileType(HANDLE file);

    boolean CloseHandle(HANDLE handle);

    boolean SetStdHandle(int stdHandle, HANDLE handle);

    HANDLE GetStdHandle(int stdHandle);

    boolean SetCurrentDirectoryW(String pathName);

    HANDLE CreateJobObjectW(WinBase.SECURITY_ATTRIBUTES jobAttributes, String name);

    boolean SetInformationJobObject(HANDLE job, int infoClass, Structure info, int length);

    boolean AssignProcessToJobObject(HANDLE job, HANDLE process);

    HANDLE OpenProcess(int desiredAccess, boolean inheritHandle, int processId);

    boolean TerminateProcess(HANDLE process, int exitCode);

    boolean GetExitCodeProcess(HANDLE process, IntByReference exitCode);

    int WaitForSingleObject(HANDLE handle, int milliseconds);

    boolean GetProcessTimes(HANDLE process, LongByReference creationTime, LongByReference exitTime,
                            LongByReference kernelTime, LongByReference userTime);

    boolean SetConsoleCtrlHandler(Win32Types.ConsoleHandler handler, boolean add);
}
