package io.github.daemoniker.unix;

import com.sun.jna.Platform;

/** The numbers that differ between Linux and macOS (and, for a few, between CPU families). */
final class UnixConstants {
    private static final boolean MAC = Platform.isMac();
    /** Linux on ARM and POWER numbers a few open flags differently from x86 and the rest. */
    private static final boolean LINUX_ARM_OR_PPC = !MAC && (Platform.isARM() || Platform.isPPC());

    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
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
     * struct flock: the offsets of l_type and l_pid, and its size. A zeroed struct asks about the
     * whole file (l_whence SEEK_SET, l_start 0, l_len 0).
     */
    static final int FLOCK_TYPE = MAC ? 20 : 0;
    static final int FLOCK_PID = MAC ? 16 : 24;
    static final int FLOCK_SIZE = 32;

    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = MAC ? (short) 0x400 : (short) 0x80;

    /** Generous sizes for the opaque libc types, which are smaller on every system. */
    static final int SPAWN_STRUCT_SIZE = 1024;
    static final int SIGSET_SIZE = 128;
    static final int SIGACTION_SIZE = 256;

    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGQUIT = 3;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private UnixConstants() {
    }
}
