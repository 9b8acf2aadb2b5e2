package io.github.daemoniker.unix;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** One datagram to a Unix socket, as systemd's sd_notify sends it. */
final class UnixDatagram {
    private static final boolean MAC = com.sun.jna.Platform.isMac();
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = MAC ? 0 : 02000000;
    private static final int MSG_NOSIGNAL = MAC ? 0 : 0x4000;
    /** struct sockaddr_un: the family, then sun_path at offset 2 (Linux: 108 bytes, macOS: 104). */
    private static final int SUN_PATH = 2;
    private static final int SOCKADDR_SIZE = 110;

    private UnixDatagram() {
    }

    /** {@code socket} is a path, or {@code @name} in Linux's abstract namespace. */
    static void send(String socket, byte[] message) {
        boolean abstractName = socket.startsWith("@");
        byte[] path = (abstractName ? "\0" + socket.substring(1) : socket).getBytes(StandardCharsets.UTF_8);
        if (path.length > SOCKADDR_SIZE - SUN_PATH - 1) {
            throw Errno.failure("the notify socket " + socket + " has too long a name", 36 /* ENAMETOOLONG */);
        }
        Memory address = new Memory(SOCKADDR_SIZE);
        address.clear();
        if (MAC) {
            address.setByte(0, (byte) SOCKADDR_SIZE);
            address.setByte(1, (byte) AF_UNIX);
        } else {
            address.setShort(0, (short) AF_UNIX);
        }
        address.write(SUN_PATH, path, 0, path.length);
        int length = SUN_PATH + path.length + (abstractName ? 0 : 1);
        int fd = Errno.check(LibC.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), "opening a datagram socket");
        try {
            if (LibC.sendto(fd, message, message.length, MSG_NOSIGNAL, address, length) == -1) {
                throw Errno.failure("notifying " + socket, Errno.last());
            }
        } finally {
            LibC.close(fd);
        }
    }
}
