package io.github.daemoniker.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Service Control Manager calls Daemoniker makes, each by its own name in advapi32 (its MSDN
 * page is the name), with its return convention on its line; a failed call leaves its reason in
 * {@link Win32#lastError()}. Apart from {@link Win32}, so that a program that is no service never
 * loads advapi32 for them.
 */
interface ServiceCalls extends StdCallLibrary {
    ServiceCalls ADVAPI32 = Native.load("advapi32", ServiceCalls.class, W32APIOptions.UNICODE_OPTIONS);

    int SERVICE_WIN32_OWN_PROCESS = 0x10;
    int SERVICE_AUTO_START = 2;
    int SERVICE_DEMAND_START = 3;
    int SERVICE_ERROR_NORMAL = 1;
    int SERVICE_NO_CHANGE = 0xFFFFFFFF;
    int SC_MANAGER_CONNECT = 0x1;
    int SC_MANAGER_CREATE_SERVICE = 0x2;
    int SERVICE_QUERY_CONFIG = 0x1;
    int SERVICE_CHANGE_CONFIG = 0x2;
    int SERVICE_QUERY_STATUS = 0x4;
    int SERVICE_START = 0x10;
    int SERVICE_STOP = 0x20;
    int DELETE = 0x10000;
    int ERROR_CALL_NOT_IMPLEMENTED = 120;
    int ERROR_INVALID_LEVEL = 124;
    int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    int ERROR_SERVICE_MARKED_FOR_DELETE = 1072;
    int ERROR_SERVICE_EXISTS = 1073;
    int ERROR_SERVICE_SPECIFIC_ERROR = 1066;
    int EVENTLOG_ERROR_TYPE = 1;

    /** OpenSCManagerW (winsvc.h): the manager, or null and the last error. */
    Winsvc.SC_HANDLE OpenSCManagerW(String machineName, String databaseName, int desiredAccess);

    /** OpenServiceW (winsvc.h): the service, or null and the last error (ERROR_SERVICE_DOES_NOT_EXIST). */
    Winsvc.SC_HANDLE OpenServiceW(Winsvc.SC_HANDLE manager, String serviceName, int desiredAccess);

    /** CreateServiceW (winsvc.h): the service, or null and the last error. {@code dependencies}: NUL-separated. */
    Winsvc.SC_HANDLE CreateServiceW(Winsvc.SC_HANDLE manager, String serviceName, String displayName, int desiredAccess,
                                    int serviceType, int startType, int errorControl, String binaryPathName,
                                    String loadOrderGroup, IntByReference tagId, String dependencies,
                                    String serviceStartName, String password);

    /** ChangeServiceConfigW (winsvc.h): true, or false and the last error; null and SERVICE_NO_CHANGE change nothing. */
    boolean ChangeServiceConfigW(Winsvc.SC_HANDLE service, int serviceType, int startType, int errorControl,
                                 String binaryPathName, String loadOrderGroup, IntByReference tagId,
                                 String dependencies, String serviceStartName, String password, String displayName);

    /** ChangeServiceConfig2W (winsvc.h): true, or false and the last error (ERROR_INVALID_LEVEL where unknown). */
    boolean ChangeServiceConfig2W(Winsvc.SC_HANDLE service, int infoLevel, Winsvc.ChangeServiceConfig2Info info);

    /** QueryServiceConfig2W (winsvc.h): true, or false and the last error (ERROR_INSUFFICIENT_BUFFER, with the size). */
    boolean QueryServiceConfig2W(Winsvc.SC_HANDLE service, int infoLevel, Pointer buffer, int size,
                                 IntByReference needed);

    /** QueryServiceStatus (winsvc.h): true, or false and the last error. */
    boolean QueryServiceStatus(Winsvc.SC_HANDLE service, Winsvc.SERVICE_STATUS status);

    /** DeleteService (winsvc.h): true (deleted once its last handle closes), or false and the last error. */
    boolean DeleteService(Winsvc.SC_HANDLE service);

    /** CloseServiceHandle (winsvc.h): true, or false and the last error. */
    boolean CloseServiceHandle(Winsvc.SC_HANDLE handle);

    /** StartServiceCtrlDispatcherW (winsvc.h): blocks until the service stops; false and the last error at once if this is no service. */
    boolean StartServiceCtrlDispatcherW(Winsvc.SERVICE_TABLE_ENTRY[] table);

    /** RegisterServiceCtrlHandlerExW (winsvc.h): the status handle, or null and the last error. */
    Winsvc.SERVICE_STATUS_HANDLE RegisterServiceCtrlHandlerExW(String serviceName, Winsvc.HandlerEx handler,
                                                             Pointer context);

    /** RegisterEventSourceW (winbase.h): the event log's handle, or null and the last error. */
    HANDLE RegisterEventSourceW(String uncServerName, String sourceName);

    /** ReportEventW (winbase.h): true, or false and the last error. */
    boolean ReportEventW(HANDLE eventLog, short type, short category, int eventId, Pointer userSid, short strings,
                         int dataSize, String[] texts, Pointer data);

    /** DeregisterEventSource (winbase.h): true, or false and the last error. */
    boolean DeregisterEventSource(HANDLE eventLog);

    /** SetServiceStatus (winsvc.h): true, or false and the last error. */
    boolean SetServiceStatus(Winsvc.SERVICE_STATUS_HANDLE handle, Winsvc.SERVICE_STATUS status);
}
