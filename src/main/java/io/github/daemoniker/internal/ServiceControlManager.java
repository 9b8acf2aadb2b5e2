package io.github.daemoniker.internal;

import io.github.daemoniker.WindowsService;

/**
 * Windows' Service Control Manager, from both ends: the installer that writes a service's
 * definition, and the service process that it starts, which reports to it.
 */
public interface ServiceControlManager {

    /**
     * In a process the Service Control Manager started as a service, connects to it (once) and
     * reports the service starting; returns whether this process is such a service.
     *
     * @throws io.github.daemoniker.DaemonikerException if it is one but cannot connect
     */
    boolean connectIfStartedAsService();

    /** Whether this process is a service that {@link #connectIfStartedAsService()} connected. */
    boolean isService();

    /**
     * Reports the service running: from now on a stop, a shutdown or a pre-shutdown notice arrives
     * as SIGTERM, and the service is reported stopped as the JVM ends after one.
     */
    void running();

    /** The service could not start, for {@code reason}: said where Windows keeps such things, and reported stopped. */
    void failed(String reason);

    /** {@code service} as the {@code sc.exe} commands that would make it. */
    String describe(WindowsService service);

    /** Creates or updates {@code service}; returns what was done, in one sentence. */
    String install(WindowsService service);

    /** Removes the service {@code name}, if Daemoniker made it and it is stopped; returns what was done. */
    String uninstall(String name);
}
