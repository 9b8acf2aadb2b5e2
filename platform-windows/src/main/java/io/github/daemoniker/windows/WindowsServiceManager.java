package io.github.daemoniker.windows;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.WindowsService;
import io.github.daemoniker.internal.DaemonikerProgram;
import io.github.daemoniker.internal.ServiceControlManager;
import java.nio.file.Path;

/** Service definitions in the Service Control Manager: shown as sc.exe commands, installed, removed. */
final class WindowsServiceManager implements ServiceControlManager {
    @Override
    public String describe(WindowsService service) {
        return definition(service).scCommands();
    }

    @Override
    public String install(WindowsService service) {
        return ServiceInstaller.install(definition(service));
    }

    @Override
    public String uninstall(String name) {
        return ServiceInstaller.uninstall(name);
    }

    /**
     * The service's definition, refused for a program that cannot be a service: the Service Control
     * Manager ends a process that never connects to it (error 1053), and only a Java program with
     * Daemoniker on its class path connects here. Hosting any program (the JVM as the service, the
     * program its child) is what a service wrapper does, and this is not one.
     */
    private static ServiceDefinition definition(WindowsService service) {
        ServiceDefinition definition = new ServiceDefinition(service, System.getenv().getOrDefault("PATH", ""));
        if (!DaemonikerProgram.holdsTheLibrary(definition.command(), Path.of("").toAbsolutePath())) {
            throw new DaemonikerException("the service's program " + service.command().get(0) + " is not a Java"
                    + " program with Daemoniker on its class path, so it would never connect to the Service Control"
                    + " Manager, which ends it after 30 s (error 1053): make the service such a program, or host this"
                    + " one with a service wrapper");
        }
        return definition;
    }
}
