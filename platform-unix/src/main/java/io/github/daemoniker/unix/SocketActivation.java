package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonikerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * systemd's socket activation (sd_listen_fds(3)): the sockets it passes from descriptor 3 on, named
 * by {@code LISTEN_FDS} for the process {@code LISTEN_PID}. The JDK makes a channel of one inherited
 * socket only, descriptor 0's ({@code System.inheritedChannel()}, TCP and Unix-domain, JDK 16+,
 * no option and no warning), so the one socket is moved there; more than one is refused in one
 * sentence. Descriptor 0 is /dev/null under systemd unless the unit says otherwise.
 */
final class SocketActivation {
    /** The first descriptor systemd passes: SD_LISTEN_FDS_START. */
    private static final int FIRST = 3;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static boolean taken;

    private SocketActivation() {
    }

    static synchronized void takeListeningSocket(long pid, Map<String, String> environment) {
        String count = environment.get("LISTEN_FDS");
        if (taken || count == null || !Long.toString(pid).equals(environment.get("LISTEN_PID"))) {
            return;
        }
        if (!count.equals("1")) {
            throw new DaemonikerException("systemd passed this service " + count + " sockets (LISTEN_FDS), and the JDK"
                    + " makes a channel of one inherited socket only (System.inheritedChannel): give its socket unit one"
                    + " Listen line");
        }
        if (!isSocket(FIRST)) {
            throw new DaemonikerException("systemd says it passed a socket (LISTEN_FDS=1), but descriptor " + FIRST
                    + " is no socket");
        }
        if (LibC.dup2(FIRST, 0) == -1) {
            throw Errno.failure("the socket systemd passed could not be moved onto descriptor 0", Errno.last());
        }
        LibC.close(FIRST);
        taken = true;
    }

    private static boolean isSocket(int fd) {
        try {
            return ((Integer) Files.getAttribute(Path.of("/dev/fd/" + fd), "unix:mode") & S_IFMT) == S_IFSOCK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
