package io.github.daemoniker.internal;

import io.github.daemoniker.Detach;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** When {@link Detach#AUTO} stays in the foreground: a supervisor already did the detaching. */
final class ForegroundRule {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private ForegroundRule() {
    }

    static boolean stayInForeground(Detach detach) {
        if (detach != Detach.AUTO) {
            return detach == Detach.NEVER;
        }
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        return supervised(parent, stdinIsSocket(), System.getenv());
    }

    /** Started by init, by inetd (a socket on stdin), or by systemd. */
    static boolean supervised(long parentPid, boolean stdinIsSocket, Map<String, String> environment) {
        return parentPid == 1 || stdinIsSocket || environment.containsKey("INVOCATION_ID")
                || environment.containsKey(SupervisorNotify.VARIABLE);
    }

    /** A closed stdin is no socket (python-daemon and pandaemonium took it for one). */
    private static boolean stdinIsSocket() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
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
