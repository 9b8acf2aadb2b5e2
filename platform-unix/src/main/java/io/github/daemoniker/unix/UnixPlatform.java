package io.github.daemoniker.unix;

import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.PidFileLock;
import io.github.daemoniker.internal.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import java.util.Set;

/** Linux and macOS: posix_spawn, pipes, POSIX record locks, all through JNA onto libc. */
public final class UnixPlatform implements Platform {
    private static final int FD_CLOEXEC = 1;

    @Override
    public LaunchCommand currentCommand() {
        return UnixCommandLine.current();
    }

    @Override
    public Launched launch(LaunchCommand command, String token, Set<Integer> shieldedFds) {
        return UnixLauncher.launch(command, token, shieldedFds);
    }

    /** The spec is "handOffFd,readinessFd"; both must be pipes this process inherited. */
    @Override
    public DaemonChannels attach(String channelSpec) {
        DaemonSwitch forErrors = new DaemonSwitch("", channelSpec);
        String[] parts = channelSpec.split(",");
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,6}") || !parts[1].matches("[0-9]{1,6}")) {
            throw forErrors.stray("its channels '" + channelSpec + "' are not Daemoniker's");
        }
        int handOff = Integer.parseInt(parts[0]);
        int readiness = Integer.parseInt(parts[1]);
        for (int fd : new int[] {handOff, readiness}) {
            if (!isPipe(fd)) {
                throw forErrors.stray("descriptor " + fd + " is not a pipe from the original process");
            }
            // programs the daemon starts must not hold the channels open
            LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_SETFD, FD_CLOEXEC);
        }
        return new DaemonChannels(new Fd(handOff).input(), new Fd(readiness).output());
    }

    private static boolean isPipe(int fd) {
        if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_GETFD) == -1) {
            return false;
        }
        try {
            return Files.readAttributes(Path.of("/dev/fd/" + fd), BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void becomeDaemon(DaemonPlan plan) {
        UnixDaemonSetup.apply(plan);
    }

    @Override
    public PidFileLock lockPidFile(Path pidFile) {
        return UnixPidFile.lock(pidFile);
    }

    @Override
    public OptionalLong pidFileHolder(Path pidFile) {
        return UnixPidFile.holder(pidFile);
    }

    @Override
    public void kill(long pid) {
        LibC.kill((int) pid, UnixConstants.SIGKILL);
    }
}
