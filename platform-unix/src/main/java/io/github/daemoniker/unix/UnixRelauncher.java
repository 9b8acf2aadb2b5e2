package io.github.daemoniker.unix;

import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.GatedLaunch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.Relauncher;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The relaunch through {@code /bin/sh} (started by the JDK, or by posix_spawn), and the daemon's side of it. */
final class UnixRelauncher implements Relauncher {

    private static final Path RANDOM = Path.of("/dev/urandom");

    @Override
    public Path randomSource() {
        return RANDOM;
    }

    @Override
    public LaunchCommand currentCommand() {
        return UnixCommandLine.current();
    }

    /** The JDK's launch, where it passes everything on exactly (see {@link JdkLauncher}). */
    @Override
    public GatedLaunch startGated(LaunchCommand command, String token, DaemonPlan plan) {
        return JdkLauncher.startIfExact(command, token, plan);
    }

    @Override
    public void checkNativeLayerLoadsAfterReady() {
        JnaExtraction.check();
    }

    /** posix_spawn of the same script, where the JDK's launch cannot do: see {@link #startGated}. */
    @Override
    public Launched launch(LaunchCommand command, String token, DaemonPlan plan) {
        return UnixLauncher.launch(command, token, plan);
    }

    /** Linux launches most plans with the JDK; macOS always with posix_spawn. */
    @Override
    public boolean launchUsuallyNeedsNative() {
        return !UnixConstants.LINUX;
    }

    /** The channels are pipes this process inherited, opened again in Java. */
    @Override
    public DaemonChannels attach(DaemonSwitch.Channels channels) {
        int[] fds = descriptors(channels);
        for (int fd : fds) {
            if (!isPipe(fd)) {
                throw channels.stray("descriptor " + fd + " is not a pipe from the original process");
            }
        }
        try {
            return new DaemonChannels(new FileInputStream(UnixPidFileAccess.descriptor(fds[0])),
                    new FileOutputStream(UnixPidFileAccess.descriptor(fds[1])));
        } catch (IOException e) {
            throw channels.stray("its channels cannot be opened: " + e.getMessage());
        }
    }

    private static int[] descriptors(DaemonSwitch.Channels channels) {
        long[] numbers = {channels.handOff(), channels.readiness()};
        int[] fds = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] > Integer.MAX_VALUE) {
                throw channels.stray("its channels '" + channels + "' are not descriptors");
            }
            fds[i] = (int) numbers[i];
        }
        return fds;
    }

    private static boolean isPipe(int fd) {
        try {
            return Files.readAttributes(UnixPidFileAccess.DESCRIPTORS.resolve(Integer.toString(fd)),
                    BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void settle(DaemonPlan plan, DaemonSwitch.Channels channels) {
        UnixDaemonSetup.settle(plan, descriptors(channels));
    }

    @Override
    public void settleForeground(DaemonPlan plan) {
        UnixDaemonSetup.foreground(plan);
    }

    @Override
    public void changeDirectory(Path directory) {
        UnixDaemonSetup.chdir(directory);
    }

    /** At the descriptor level (dup2): every writer, native ones and any that kept System.out, follows. */
    @Override
    public void reopenStreams(Path stdout, Path stderr) {
        UnixLogReopener.reopen(stdout, stderr);
    }

    @Override
    public void warmUp() {
        LibC.load();
        UnixPidFile.class.getName();
    }
}
