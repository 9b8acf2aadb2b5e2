package io.github.daemoniker.windows;

import io.github.daemoniker.internal.PidFileAccess;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.Processes;
import io.github.daemoniker.internal.Relauncher;
import io.github.daemoniker.internal.ServiceControlManager;
import io.github.daemoniker.internal.Supervisor;
import io.github.daemoniker.internal.UnixOnly;
import java.util.Optional;

/**
 * Windows: a windowless relaunch of the same launcher, LockFileEx pid files (through the JDK), and
 * signals carried by sleeper processes. All of Windows is in this package, unit-tested on Linux
 * where it is plain Java. Found by {@link Platform#current()} by its name; its initializer registers the instance.
 */
public final class WindowsPlatform implements Platform {
    static {
        Platform.Registration.register(new WindowsPlatform());
    }

    private final WindowsPidFileAccess pidFiles = new WindowsPidFileAccess();
    private final WindowsProcesses processes = new WindowsProcesses();
    private final Optional<ServiceControlManager> serviceControlManager = Optional.of(new WindowsServiceManager());
    private final ServiceSupervisor supervisor = new ServiceSupervisor(processes.service());
    private final WindowsRelauncher relauncher = new WindowsRelauncher(processes.service());

    private WindowsPlatform() {
    }

    @Override
    public Relauncher relauncher() {
        return relauncher;
    }

    @Override
    public PidFileAccess pidFiles() {
        return pidFiles;
    }

    @Override
    public Processes processes() {
        return processes;
    }

    @Override
    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public Optional<ServiceControlManager> serviceControlManager() {
        return serviceControlManager;
    }

    /** Windows has no users to switch to by name, no chroot, no systemd. */
    @Override
    public Optional<UnixOnly> unixOnly() {
        return Optional.empty();
    }
}
