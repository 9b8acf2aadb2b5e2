package io.github.daemoniker.windows;

import io.github.daemoniker.WindowsService;
import io.github.daemoniker.internal.ServiceControlManager;

/** The Service Control Manager's two ends: this process as a service, and service definitions. */
final class WindowsServiceManager implements ServiceControlManager {
    private final ServiceHost host;

    WindowsServiceManager(ServiceHost host) {
        this.host = host;
    }

    @Override
    public boolean connectIfStartedAsService() {
        return host.connectIfStartedAsService();
    }

    @Override
    public boolean isService() {
        return host.isService();
    }

    @Override
    public void running() {
        host.running();
    }

    @Override
    public void failed(String reason) {
        host.failed(reason);
    }

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
