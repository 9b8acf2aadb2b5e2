package io.github.daemoniker.unix;

import com.sun.jna.Memory;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.ListenAddress;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A TCP socket listening on an address, bound natively so that its descriptor can be handed to
 * another program (the JDK's channels keep theirs to themselves): what an original process running
 * as root binds for a daemon that will not be root, as jsvc does. Close-on-exec: only a launch
 * that hands it over on purpose passes it on.
 */
final class ListeningSocket {
    /** Linux's default somaxconn: the kernel caps a larger backlog to it anyway. */
    private static final int BACKLOG = 4096;

    private ListeningSocket() {
    }

    /** Binds and listens on {@code address} ("127.0.0.1:80", "[::1]:80"); the descriptor. */
    static int open(String address) {
        java.net.InetSocketAddress parsed = ListenAddress.parse(address);
        int port = parsed.getPort();
        InetAddress ip = parsed.getAddress();
        boolean v6 = ip instanceof Inet6Address;
        Memory sockaddr = new Memory(v6 ? 28 : 16);
        sockaddr.clear();
        if (UnixConstants.SOCKADDR_HAS_LENGTH) {
            sockaddr.setByte(0, (byte) sockaddr.size());
            sockaddr.setByte(1, (byte) (v6 ? UnixConstants.AF_INET6 : UnixConstants.AF_INET));
        } else {
            sockaddr.setShort(0, (short) (v6 ? UnixConstants.AF_INET6 : UnixConstants.AF_INET));
        }
        // the port in network byte order
        sockaddr.setByte(2, (byte) (port >> 8));
        sockaddr.setByte(3, (byte) port);
        byte[] raw = ip.getAddress();
        sockaddr.write(v6 ? 8 : 4, raw, 0, raw.length);
        if (v6) {
            sockaddr.setInt(24, ((Inet6Address) ip).getScopeId());
        }
        int fd = Errno.check(LibC.socket(v6 ? UnixConstants.AF_INET6 : UnixConstants.AF_INET,
                UnixConstants.SOCK_STREAM | UnixConstants.SOCK_CLOEXEC, 0), "opening a socket to listen on " + address);
        try {
            Memory one = new Memory(4);
            one.setInt(0, 1);
            // a daemon started again at once takes its port over from the connections the last one left
            Errno.check(LibC.setsockopt(fd, UnixConstants.SOL_SOCKET, UnixConstants.SO_REUSEADDR, one, 4),
                    "setting SO_REUSEADDR on the socket for " + address);
            if (LibC.bind(fd, sockaddr, (int) sockaddr.size()) == -1) {
                int errno = Errno.last();
                throw new DaemonizeException("the daemon cannot listen on " + address + ": " + Errno.describe(errno)
                        + (errno == UnixConstants.EACCES && port < 1024 ? " (a port below 1024 is bound by root, or with"
                        + " CAP_NET_BIND_SERVICE: start the program as root, and let the daemon drop to"
                        + " DaemonOptions.user)" : ""));
            }
            Errno.check(LibC.listen(fd, BACKLOG), "listening on " + address);
            return fd;
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }
}
