package io.github.daemoniker.windows;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.Platform;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Windows: a detached {@code javaw.exe} relaunch and sleeper-process signals. Not built yet
 * (tracked by the Windows issue): every operation says so instead of doing something wrong.
 */
public final class WindowsPlatform implements Platform {

    private static DaemonikerException notYet() {
        return new DaemonikerException("daemonizing on Windows is not implemented in this version of"
                + " Daemoniker yet: run the daemon on Linux or macOS");
    }

    @Override
    public LaunchCommand currentCommand() {
        throw notYet();
    }

    @Override
    public Launched launch(LaunchCommand command, String token, DaemonPlan plan) {
        throw notYet();
    }

    @Override
    public DaemonChannels attach(String channelSpec) {
        throw notYet();
    }

    @Override
    public void warmUp() {
        // nothing native is loaded on Windows yet
    }

    @Override
    public boolean hasOpen(long pid, Path path) {
        throw notYet();
    }

    @Override
    public long startProgram(java.util.List<String> command, DaemonPlan plan) {
        throw notYet();
    }

    @Override
    public void settle(DaemonPlan plan, String channelSpec) {
        throw notYet();
    }

    @Override
    public Runnable handleSignal(Signal signal, Consumer<Signal> sink) {
        throw notYet();
    }

    @Override
    public void sendSignal(long pid, Signal signal, BooleanSupplier stillTheSame) {
        throw notYet();
    }

    @Override
    public void kill(long pid, BooleanSupplier stillTheSame) {
        throw notYet();
    }

    @Override
    public void chroot(Path directory) {
        throw new DaemonikerException("DaemonOptions.chrootDirectory is a Unix option: leave it unset on Windows");
    }

    @Override
    public void checkRunAs(String user, String group) {
        throw new DaemonikerException("DaemonOptions.user and group are Unix options: leave them unset on Windows");
    }

    @Override
    public void runAs(String user, String group) {
        checkRunAs(user, group);
    }

    @Override
    public boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void settleForeground(DaemonPlan plan) {
        throw notYet();
    }

    @Override
    public void sendDatagram(String socket, byte[] message) {
        throw new DaemonikerException("NOTIFY_SOCKET is a Unix (systemd) protocol: unset it on Windows");
    }

    @Override
    public OptionalLong pidFileHolder(Path pidFile) {
        throw notYet();
    }
}
