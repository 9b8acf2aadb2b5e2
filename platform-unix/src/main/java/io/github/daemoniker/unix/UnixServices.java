package io.github.daemoniker.unix;

import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.ProcessLaunch;
import io.github.daemoniker.internal.UnixOnly;
import java.nio.file.Path;
import java.util.List;

/** Users, chroot and any program's start: what Windows has no counterpart for here. */
final class UnixServices implements UnixOnly {

    @Override
    public void checkRunAs(String user, String group) {
        UnixUsers.check(user, group);
    }

    @Override
    public void runAs(String user, String group) {
        UnixUsers.runAs(user, group);
    }

    @Override
    public void chroot(Path directory) {
        if (LibC.chroot(directory.toString()) == -1 || LibC.chdir("/") == -1) {
            throw Errno.failure("the daemon could not make " + directory + " its root directory", Errno.last());
        }
    }

    @Override
    public long startProgram(List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile) {
        return UnixProgramStarter.start(command, plan, lockedPidFile);
    }

    @Override
    public ProcessLaunch launchOf(long pid) {
        return UnixCommandLine.launchOf(pid);
    }

    @Override
    public void listenOnStandardInput(String address) {
        int fd = ListeningSocket.open(address);
        try {
            Errno.check(LibC.dup2(fd, 0), "making the socket for " + address + " standard input");
        } finally {
            LibC.close(fd);
        }
    }
}
