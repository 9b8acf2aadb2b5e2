package io.github.daemoniker.windows;

import io.github.daemoniker.internal.Supervisor;

/**
 * The Service Control Manager as the supervisor of a process it started as a service: connected to
 * while the setup code runs, told running and stopped. It watches the service's own process, which
 * therefore never detaches. Windows has no notify socket: other states go nowhere.
 */
final class ServiceSupervisor implements Supervisor {
    private final ServiceHost host;

    ServiceSupervisor(ServiceHost host) {
        this.host = host;
    }

    @Override
    public void prepare() {
        host.connectIfStartedAsService();
    }

    @Override
    public boolean detachedThisProcess() {
        return host.isService();
    }

    @Override
    public boolean watchesThisProcess() {
        return host.isService();
    }

    @Override
    public void ready() {
        host.running();
    }

    @Override
    public void failed(String reason) {
        host.failed(reason);
    }

    @Override
    public boolean send(String state) {
        return false;
    }
}
