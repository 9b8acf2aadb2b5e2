package io.github.daemoniker.windows;

import io.github.daemoniker.WindowsService;
import io.github.daemoniker.internal.ServiceControlManager;

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

    private static ServiceDefinition definition(WindowsService service) {
        return new ServiceDefinition(service, System.getenv().getOrDefault("PATH", ""));
    }
}
