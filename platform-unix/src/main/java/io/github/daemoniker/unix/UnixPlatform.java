package io.github.daemoniker.unix;

import io.github.daemoniker.internal.PidFileAccess;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.Processes;
import io.github.daemoniker.internal.Relauncher;
import io.github.daemoniker.internal.Supervisor;
import io.github.daemoniker.internal.UnixOnly;
import java.util.Optional;

/**
 * Linux and macOS: posix_spawn, pipes and POSIX record locks, through JNA onto libc. Found by
 * {@link Platform#current()} by its name; its initializer registers the instance.
 */
public final class UnixPlatform implements Platform {
    static {
        Platform.Registration.register(new UnixPlatform());
    }

    private final UnixRelauncher relauncher = new UnixRelauncher();
    private final UnixPidFileAccess pidFiles = new UnixPidFileAccess();
    private final UnixProcesses processes = new UnixProcesses();
    private final SystemdSupervisor supervisor = new SystemdSupervisor();
    private final Optional<UnixOnly> unixOnly = Optional.of(new UnixServices());

    private UnixPlatform() {
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
    public Optional<UnixOnly> unixOnly() {
        return unixOnly;
    }
}
