package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Detach;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** When {@link Detach#AUTO} stays in the foreground: a supervisor (systemd, Windows' services) already did the detaching. */
final class ForegroundRule {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private ForegroundRule() {
    }

    static boolean stayInForeground(Detach detach) {
        if (detach == Detach.ALWAYS && windowsService()) {
            throw new DaemonizeException("this process is a Windows service, which the Service Control Manager knows"
                    + " by its process, so it cannot detach (Detach.ALWAYS): use Detach.AUTO, which stays in the"
                    + " foreground under a service manager");
        }
        if (detach != Detach.AUTO) {
            return detach == Detach.NEVER;
        }
        return supervised(ThisProcess.pid(), ThisProcess.parentPid(), stdinIsSocket(), System.getenv()) || windowsService();
    }

    /**
     * Started by init, by inetd (a socket on stdin), or by systemd; or init itself, the first
     * process of a container, whose detached daemon would die with it at once.
     */
    static boolean supervised(long pid, long parentPid, boolean stdinIsSocket, Map<String, String> environment) {
        return pid == 1 || parentPid == 1 || stdinIsSocket || environment.containsKey("INVOCATION_ID")
                || environment.containsKey(SupervisorNotify.VARIABLE);
    }

    /** A Windows service is its own process: the Service Control Manager watches that one. */
    static boolean windowsService() {
        return OperatingSystem.current().isWindows()
                && Platform.current().serviceControlManager().map(ServiceControlManager::isService).orElse(false);
    }

    /** A closed stdin is no socket (python-daemon and pandaemonium took it for one). */
    private static boolean stdinIsSocket() {
        if (OperatingSystem.current().isWindows()) {
            return false;
        }
        try {
            int mode = (Integer) Files.getAttribute(Path.of("/dev/fd/0"), "unix:mode");
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
