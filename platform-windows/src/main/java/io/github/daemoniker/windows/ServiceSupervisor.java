package io.github.daemoniker.windows;

import io.github.daemoniker.internal.Supervisor;
import io.github.daemoniker.internal.Watchdog;
import java.time.Duration;

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
        Watchdog.begin(this);
    }

    @Override
    public void failed(String reason) {
        host.failed(reason);
    }

    @Override
    public boolean send(String state) {
        return false;
    }

    /** The Service Control Manager hands a service no socket. */
    @Override
    public void takeListeningSocket() {
        // nothing to take
    }

    /** A service that ends without reporting a stop is a failure, which its recovery actions answer. */
    @Override
    public boolean restartsThisProcess() {
        return host.isService();
    }

    /** The Service Control Manager has no watchdog: only a health check, given, is run. */
    @Override
    public Duration watchdogInterval() {
        return null;
    }

    @Override
    public void alive() {
        // nobody to tell: a service that is not heard from is not ended by Windows
    }

    @Override
    public void unhealthy(String reason) {
        host.hung(reason);
    }

    @Override
    public boolean extendTimeout(Duration more) {
        return host.extend(more);
    }
}
