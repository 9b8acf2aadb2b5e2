package io.github.daemoniker.internal;

import io.github.daemoniker.WindowsService;

/**
 * Windows' Service Control Manager as an installer: a service's definition written, shown or
 * removed. The service process it starts reports to it as its {@link Supervisor}.
 */
public interface ServiceControlManager {

    /** {@code service} as the {@code sc.exe} commands that would make it. */
    String describe(WindowsService service);

    /** Creates or updates {@code service}; returns what was done, in one sentence. */
    String install(WindowsService service);

    /** Removes the service {@code name}, if Daemoniker made it and it is stopped; returns what was done. */
    String uninstall(String name);
}
