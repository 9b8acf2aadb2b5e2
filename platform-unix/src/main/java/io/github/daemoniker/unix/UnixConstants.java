package io.github.daemoniker.unix;

import io.github.daemoniker.internal.OperatingSystem;

/**
 * Every number of the Unix layer that depends on the system or the CPU, in one place: Linux's
 * (x86-64 and AArch64, the ones run; the generic values of the other CPU families where they
 * differ) and macOS's (never run). The names are those of the C headers.
 */
final class UnixConstants {
    static final boolean LINUX = OperatingSystem.current() == OperatingSystem.LINUX;
    private static final boolean MAC = !LINUX;
    /**
     * Linux on ARM and POWER numbers a few open flags differently from x86 and the rest. Told by
     * the JVM's own name for the CPU, as JNA does, without loading JNA (a start of Linux needs none).
     */
    private static final boolean LINUX_ARM_OR_PPC = LINUX && startsWithAny(System.getProperty("os.arch"),
            "arm", "aarch", "ppc", "powerpc");

    // <fcntl.h>
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_APPEND = MAC ? 0x8 : 02000;
    static final int O_CREAT = MAC ? 0x200 : 0100;
    static final int O_EXCL = MAC ? 0x800 : 0200;
    static final int O_NONBLOCK = MAC ? 0x4 : 04000;
    static final int O_NOFOLLOW = MAC ? 0x100 : LINUX_ARM_OR_PPC ? 0100000 : 0400000;
    static final int O_CLOEXEC = MAC ? 0x1000000 : 02000000;

    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int FD_CLOEXEC = 1;
    static final int F_DUPFD_CLOEXEC = MAC ? 67 : 1030;
    static final int F_GETLK = MAC ? 7 : 5;
    /** Linux 3.15+: a lock owned by the open file description, so it passes to a program with its descriptor. */
    static final int F_OFD_SETLK = 37;
    static final int F_OFD_GETLK = 36;
    static final short F_UNLCK = 2;
    static final short F_RDLCK = MAC ? (short) 1 : (short) 0;
    static final short F_WRLCK = MAC ? (short) 3 : (short) 1;

    /**
     * struct flock: the offsets of l_type, l_len and l_pid, and its size. A zeroed struct asks about
     * the whole file (l_whence SEEK_SET, l_start 0, l_len 0).
     */
    static final int FLOCK_TYPE = MAC ? 20 : 0;
    static final int FLOCK_LEN = MAC ? 8 : 16;
    static final int FLOCK_PID = MAC ? 16 : 24;
    static final int FLOCK_SIZE = 32;

    // <spawn.h>
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = MAC ? (short) 0x400 : (short) 0x80;

    /** Generous sizes for the opaque libc types, which are smaller on every system. */
    static final int SPAWN_STRUCT_SIZE = 1024;
    static final int SIGSET_SIZE = 128;
    static final int SIGACTION_SIZE = 256;

    // <signal.h>: the same on Linux and macOS for these
    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGQUIT = 3;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    /** SIG_IGN, the handler value that ignores a signal. */
    static final long SIG_IGN = 1;

    // <errno.h>
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = MAC ? 35 : 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int EISDIR = 21;
    static final int EMFILE = 24;
    static final int ENAMETOOLONG = MAC ? 63 : 36;
    static final int ELOOP = MAC ? 62 : 40;

    // <sys/resource.h>
    static final int RLIMIT_CORE = 4;

    // <sys/socket.h>, <sys/un.h>
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = MAC ? 30 : 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOL_SOCKET = MAC ? 0xffff : 1;
    static final int SO_REUSEADDR = MAC ? 4 : 2;
    /** Linux only; macOS sets close-on-exec after the socket is made. */
    static final int SOCK_CLOEXEC = MAC ? 0 : 02000000;
    static final int MSG_NOSIGNAL = MAC ? 0 : 0x4000;
    /** struct sockaddr_un: macOS starts it with a length byte, then the family byte; Linux with a short family. */
    static final boolean SOCKADDR_HAS_LENGTH = MAC;
    /** The offset of sun_path, and the struct's size (Linux: 2 + 108; macOS: 2 + 104). */
    static final int SUN_PATH = 2;
    static final int SOCKADDR_UN_SIZE = MAC ? 106 : 110;

    // Linux only: <sys/prctl.h>, and the syscall numbers, which every architecture shares since 5.1
    static final int PR_SET_CHILD_SUBREAPER = 36;
    static final long SYS_PIDFD_SEND_SIGNAL = 424;
    static final long SYS_PIDFD_OPEN = 434;

    /** The size of a pointer, by the JVM's own word for it (JNA's would load JNA). */
    private static final int POINTER_SIZE = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
    /** struct passwd's pw_uid and pw_gid, struct group's gr_gid: after two pointers on both systems. */
    static final int PW_UID = 2 * POINTER_SIZE;
    static final int PW_GID = PW_UID + 4;
    static final int GR_GID = 2 * POINTER_SIZE;

    private UnixConstants() {
    }

    /** Without a regular expression: this runs on the way to a start, where the first one costs milliseconds. */
    private static boolean startsWithAny(String text, String... prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
