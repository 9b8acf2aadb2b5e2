package io.github.daemoniker.unix;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** One datagram to a Unix socket, as systemd's sd_notify sends it. */
final class UnixDatagram {
    private static final int SUN_PATH = UnixConstants.SUN_PATH;
    private static final int SOCKADDR_SIZE = UnixConstants.SOCKADDR_UN_SIZE;

    private UnixDatagram() {
    }

    /** {@code socket} is a path, or {@code @name} in Linux's abstract namespace. */
    static void send(String socket, byte[] message) {
        boolean abstractName = socket.startsWith("@");
        byte[] path = (abstractName ? "\0" + socket.substring(1) : socket).getBytes(StandardCharsets.UTF_8);
        if (path.length > SOCKADDR_SIZE - SUN_PATH - 1) {
            throw Errno.failure("the notify socket " + socket + " has too long a name", UnixConstants.ENAMETOOLONG);
        }
        Memory address = new Memory(SOCKADDR_SIZE);
        address.clear();
        if (UnixConstants.SOCKADDR_HAS_LENGTH) {
            address.setByte(0, (byte) SOCKADDR_SIZE);
            address.setByte(1, (byte) UnixConstants.AF_UNIX);
        } else {
            address.setShort(0, (short) UnixConstants.AF_UNIX);
        }
        address.write(SUN_PATH, path, 0, path.length);
        int length = SUN_PATH + path.length + (abstractName ? 0 : 1);
        int fd = Errno.check(LibC.socket(UnixConstants.AF_UNIX, UnixConstants.SOCK_DGRAM | UnixConstants.SOCK_CLOEXEC, 0), "opening a datagram socket");
        try {
            if (LibC.sendto(fd, message, message.length, UnixConstants.MSG_NOSIGNAL, address, length) == -1) {
                throw Errno.failure("notifying " + socket, Errno.last());
            }
        } finally {
            LibC.close(fd);
        }
    }
}
