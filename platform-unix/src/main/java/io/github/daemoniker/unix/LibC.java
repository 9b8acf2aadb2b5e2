package io.github.daemoniker.unix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libc calls Daemoniker makes, by direct mapping: no proxy, no allocation in the call.
 * Each returns what libc returns; {@link Errno} turns failures into exceptions.
 */
final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getProcess());
    }

    private LibC() {
    }

    /** Binds the natives: loading this class is the work. */
    static void load() {
        Variadic.INSTANCE.hashCode();
    }

    static native int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes,
                                  Pointer argv, Pointer envp);

    static native int posix_spawn_file_actions_init(Pointer fileActions);

    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    static native int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags,
                                                       int mode);

    static native int posix_spawnattr_init(Pointer attributes);

    static native int posix_spawnattr_destroy(Pointer attributes);

    static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);

    static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);

    static native int sigemptyset(Pointer sigset);

    static native int sigfillset(Pointer sigset);

    static native int sigaction(int signal, Pointer action, Pointer oldAction);

    static native int waitpid(int pid, IntByReference status, int options);

    static native int pipe(int[] fds);

    static native int read(int fd, byte[] buffer, int count);

    static native int write(int fd, byte[] buffer, int count);

    static native int close(int fd);

    static native long pread(int fd, byte[] buffer, long count, long offset);


    static native int chdir(String path);

    static native int chroot(String path);

    static native int umask(int mask);

    static native int dup2(int fd, int newFd);

    static native int setrlimit(int resource, long[] limits);

    static native int socket(int domain, int type, int protocol);

    static native long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength);

    static native int kill(int pid, int signal);

    static native String strerror(int errno);

    static native Pointer getpwnam(String name);

    static native Pointer getpwuid(int uid);

    static native Pointer getgrnam(String name);

    static native int initgroups(String user, int group);

    static native int setgroups(long size, int[] groups);

    static native int setgid(int gid);

    static native int setuid(int uid);

    static native int getuid();

    static native int geteuid();

    static native int getgid();

    /** The variadic calls: JNA passes their trailing arguments the way each ABI wants them. */
    interface Variadic extends Library {
        /** Bound to the process's own symbols, as the direct mappings are: no library search. */
        Variadic INSTANCE = Native.load(null, Variadic.class);

        int open(String path, int flags, Object... mode);

        int fcntl(int fd, int command, Object... argument);

        long syscall(long number, Object... arguments);

        int prctl(int option, Object... arguments);
    }
}
