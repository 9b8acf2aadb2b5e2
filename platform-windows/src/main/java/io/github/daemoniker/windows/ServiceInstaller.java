package io.github.daemoniker.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.WindowsService;

/**
 * Writes and removes service definitions in the Service Control Manager: a service Daemoniker did
 * not make (its description lacks {@link WindowsService#MARK}) is never changed or removed, and a
 * service made here but not wholly configured is deleted again.
 */
final class ServiceInstaller {
    static final String NEEDS_ADMINISTRATOR = ", as only an administrator may do that: run the command from an"
            + " elevated prompt (\"Run as administrator\")";

    private ServiceInstaller() {
    }

    static String install(ServiceDefinition definition) {
        String name = definition.name();
        Winsvc.SC_HANDLE manager = openManager(ServiceCalls.SC_MANAGER_CONNECT | ServiceCalls.SC_MANAGER_CREATE_SERVICE,
                "the service " + name + " could not be installed");
        try {
            int access = ServiceCalls.SERVICE_QUERY_CONFIG | ServiceCalls.SERVICE_CHANGE_CONFIG | ServiceCalls.DELETE;
            Winsvc.SC_HANDLE existing = ServiceCalls.ADVAPI32.OpenServiceW(manager, name, access);
            if (existing != null) {
                try {
                    requireOurs(existing, name);
                    if (!ServiceCalls.ADVAPI32.ChangeServiceConfigW(existing, ServiceCalls.SERVICE_WIN32_OWN_PROCESS,
                            definition.startType(), ServiceCalls.SERVICE_ERROR_NORMAL, definition.binaryPath(), null,
                            null, definition.dependencies(), definition.account(), null,
                            definition.service().displayName())) {
                        throw failure("the service " + name + " could not be changed");
                    }
                    configure(existing, definition, true);
                } finally {
                    ServiceCalls.ADVAPI32.CloseServiceHandle(existing);
                }
                return "updated the service " + name + " (Daemoniker made it): a running service takes the change"
                        + " when it starts again (sc.exe stop " + name + ", then sc.exe start " + name + ")";
            }
            if (Win32.lastError() != ServiceCalls.ERROR_SERVICE_DOES_NOT_EXIST) {
                throw failure("the service " + name + " could not be opened to be updated");
            }
            Winsvc.SC_HANDLE created = ServiceCalls.ADVAPI32.CreateServiceW(manager, name,
                    definition.service().displayName(), access, ServiceCalls.SERVICE_WIN32_OWN_PROCESS,
                    definition.startType(), ServiceCalls.SERVICE_ERROR_NORMAL, definition.binaryPath(), null, null,
                    definition.dependencies(), definition.account(), null);
            if (created == null) {
                if (Win32.lastError() == ServiceCalls.ERROR_SERVICE_MARKED_FOR_DELETE) {
                    throw new DaemonikerException("the service " + name + " could not be created: a service of that"
                            + " name is being removed; close what still holds it open (the Services panel) and install"
                            + " again");
                }
                throw failure("the service " + name + " could not be created");
            }
            try {
                configure(created, definition, false);
            } catch (RuntimeException e) {
                ServiceCalls.ADVAPI32.DeleteService(created);
                throw e;
            } finally {
                ServiceCalls.ADVAPI32.CloseServiceHandle(created);
            }
            return "installed the service " + name + ": start it with sc.exe start " + name
                    + (definition.service().startType() == WindowsService.StartType.MANUAL ? ""
                            : " (Windows starts it at boot)");
        } finally {
            ServiceCalls.ADVAPI32.CloseServiceHandle(manager);
        }
    }

    static String uninstall(String name) {
        Winsvc.SC_HANDLE manager = openManager(ServiceCalls.SC_MANAGER_CONNECT, "the service " + name
                + " could not be removed");
        try {
            Winsvc.SC_HANDLE service = ServiceCalls.ADVAPI32.OpenServiceW(manager, name, ServiceCalls.SERVICE_QUERY_CONFIG
                    | ServiceCalls.SERVICE_QUERY_STATUS | ServiceCalls.DELETE);
            if (service == null) {
                if (Win32.lastError() == ServiceCalls.ERROR_SERVICE_DOES_NOT_EXIST) {
                    return "not installed: there is no service " + name;
                }
                throw failure("the service " + name + " could not be opened to be removed");
            }
            try {
                requireOurs(service, name);
                Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
                if (!ServiceCalls.ADVAPI32.QueryServiceStatus(service, status)) {
                    throw failure("the state of the service " + name + " could not be read");
                }
                if (status.dwCurrentState != Winsvc.SERVICE_STOPPED) {
                    throw new DaemonikerException("the service " + name + " is running: stop it first (sc.exe stop "
                            + name + "), then uninstall it");
                }
                if (!ServiceCalls.ADVAPI32.DeleteService(service)) {
                    throw failure("the service " + name + " could not be removed");
                }
            } finally {
                ServiceCalls.ADVAPI32.CloseServiceHandle(service);
            }
            return "removed the service " + name;
        } finally {
            ServiceCalls.ADVAPI32.CloseServiceHandle(manager);
        }
    }

    /** The description, the recovery actions and the delayed start: what CreateService does not take. */
    private static void configure(Winsvc.SC_HANDLE service, ServiceDefinition definition, boolean existing) {
        String name = definition.name();
        Winsvc.SERVICE_DESCRIPTION description = new Winsvc.SERVICE_DESCRIPTION();
        description.lpDescription = definition.service().description();
        if (!ServiceCalls.ADVAPI32.ChangeServiceConfig2W(service, Winsvc.SERVICE_CONFIG_DESCRIPTION, description)) {
            throw failure("the description of the service " + name + " could not be set");
        }
        Winsvc.SERVICE_FAILURE_ACTIONS recovery = new Winsvc.SERVICE_FAILURE_ACTIONS();
        if (definition.restartMillis() >= 0) {
            Winsvc.SC_ACTION.ByReference first = new Winsvc.SC_ACTION.ByReference();
            Winsvc.SC_ACTION[] actions = (Winsvc.SC_ACTION[]) first.toArray(ServiceDefinition.RESTARTS);
            for (Winsvc.SC_ACTION action : actions) {
                action.type = Winsvc.SC_ACTION_RESTART;
                action.delay = definition.restartMillis();
                action.write();
            }
            recovery.dwResetPeriod = ServiceDefinition.RESET_SECONDS;
            recovery.cActions = ServiceDefinition.RESTARTS;
            recovery.lpsaActions = first;
        }
        if (!ServiceCalls.ADVAPI32.ChangeServiceConfig2W(service, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, recovery)) {
            throw failure("the recovery actions of the service " + name + " could not be set");
        }
        boolean delayed = definition.service().startType() == WindowsService.StartType.DELAYED_AUTOMATIC;
        // a new service starts undelayed; one made before may have been delayed
        if (delayed || existing && definition.startType() == ServiceCalls.SERVICE_AUTO_START) {
            Win32Types.DelayedAutoStart start = new Win32Types.DelayedAutoStart();
            start.fDelayedAutostart = delayed ? 1 : 0;
            if (!ServiceCalls.ADVAPI32.ChangeServiceConfig2W(service, Winsvc.SERVICE_CONFIG_DELAYED_AUTO_START_INFO,
                    start)) {
                int error = Win32.lastError();
                String what = "the service " + name + " could not be set to start " + (delayed ? "shortly after boot"
                        : "at boot");
                if (error != ServiceCalls.ERROR_INVALID_LEVEL) {
                    throw failure(what);
                }
                // a system without delayed starts (Wine) has none to turn off
                if (delayed) {
                    throw new DaemonikerException(what + ": this system's Service Control Manager has no delayed start;"
                            + " choose another start type");
                }
            }
        }
    }

    /** Only a service whose description ends with the mark is Daemoniker's. */
    private static void requireOurs(Winsvc.SC_HANDLE service, String name) {
        IntByReference needed = new IntByReference();
        ServiceCalls.ADVAPI32.QueryServiceConfig2W(service, Winsvc.SERVICE_CONFIG_DESCRIPTION, null, 0, needed);
        String description = "";
        if (needed.getValue() > 0) {
            Memory buffer = new Memory(needed.getValue());
            if (!ServiceCalls.ADVAPI32.QueryServiceConfig2W(service, Winsvc.SERVICE_CONFIG_DESCRIPTION, buffer,
                    needed.getValue(), needed)) {
                throw failure("the description of the service " + name + " could not be read");
            }
            Pointer text = buffer.getPointer(0);
            description = text == null ? "" : text.getWideString(0);
        }
        if (!description.endsWith(WindowsService.MARK)) {
            throw new DaemonikerException("the service " + name + " was not made by Daemoniker (its description does"
                    + " not end with " + WindowsService.MARK + "): it is left as it is; choose another name, or remove"
                    + " it yourself");
        }
    }

    private static Winsvc.SC_HANDLE openManager(int access, String failed) {
        Winsvc.SC_HANDLE manager = ServiceCalls.ADVAPI32.OpenSCManagerW(null, null, access);
        if (manager == null) {
            throw failure(failed);
        }
        return manager;
    }

    /** {@code what} failed, for the last error's reason; access denied in words that say what to do. */
    static DaemonikerException failure(String what) {
        int error = Win32.lastError();
        return new DaemonikerException(what + (error == Win32.ERROR_ACCESS_DENIED ? NEEDS_ADMINISTRATOR
                : ": " + WindowsHandles.describe(error)));
    }
}
