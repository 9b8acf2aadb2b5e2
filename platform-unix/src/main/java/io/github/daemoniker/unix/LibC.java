package io.github.daemoniker.unix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.github.daemoniker.DaemonikerException;

/**
 * The libc calls Daemoniker makes, by direct mapping: no proxy, no allocation in the call.
 * Each returns what libc returns, as its line says; {@link Errno} turns failures into exceptions.
 * {@code size_t}, {@code ssize_t}, {@code off_t} and {@code rlim_t} are Java {@code long}s: the
 * layer runs on 64-bit JVMs only, and says so on a 32-bit one.
 */
final class LibC {
    static {
        if (Native.SIZE_T_SIZE != 8) {
            throw new DaemonikerException("Daemoniker's Unix layer needs a 64-bit JVM, and this one is "
                    + Native.SIZE_T_SIZE * 8 + "-bit: run the program on a 64-bit Java");
        }
        JnaSearchPath.presetIfUnset();
        Native.register(LibC.class, NativeLibrary.getProcess());
    }

    private LibC() {
    }

    /** Binds the natives: loading this class is the work. */
    static void load() {
        Variadic.INSTANCE.hashCode();
    }

    /** posix_spawn(3): 0, or the error number (errno is not set). */
    static native int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes,
                                  Pointer argv, Pointer envp);

    /** posix_spawn_file_actions_init(3): 0, or the error number. */
    static native int posix_spawn_file_actions_init(Pointer fileActions);

    /** posix_spawn_file_actions_destroy(3): 0, or the error number. */
    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    /** posix_spawn_file_actions_adddup2(3): 0, or the error number. */
    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    /** posix_spawn_file_actions_addclose(3): 0, or the error number. */
    static native int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    /** posix_spawn_file_actions_addopen(3): 0, or the error number. */
    static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags,
                                                       int mode);

    /** posix_spawnattr_init(3): 0, or the error number. */
    static native int posix_spawnattr_init(Pointer attributes);

    /** posix_spawnattr_destroy(3): 0, or the error number. */
    static native int posix_spawnattr_destroy(Pointer attributes);

    /** posix_spawnattr_setflags(3): 0, or the error number. */
    static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    /** posix_spawnattr_setsigmask(3): 0, or the error number. */
    static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);

    /** posix_spawnattr_setsigdefault(3): 0, or the error number. */
    static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);

    /** sigemptyset(3): 0, or -1 and errno. */
    static native int sigemptyset(Pointer sigset);

    /** sigfillset(3): 0, or -1 and errno. */
    static native int sigfillset(Pointer sigset);

    /** sigaction(2): 0, or -1 and errno. */
    static native int sigaction(int signal, Pointer action, Pointer oldAction);

    /** waitpid(2): the pid, 0 with WNOHANG if it runs, or -1 and errno. */
    static native int waitpid(int pid, IntByReference status, int options);

    /** pipe(2): 0, or -1 and errno. */
    static native int pipe(int[] fds);

    /** read(2) (count and result are size_t/ssize_t, at most an int here): bytes read, 0 at the end, or -1 and errno. */
    static native int read(int fd, byte[] buffer, int count);

    /** write(2): bytes written, or -1 and errno. */
    static native int write(int fd, byte[] buffer, int count);

    /** close(2): 0, or -1 and errno. */
    static native int close(int fd);

    /** pread(2): bytes read, 0 at the end, or -1 and errno. */
    static native long pread(int fd, byte[] buffer, long count, long offset);


    /** chdir(2): 0, or -1 and errno. */
    static native int chdir(String path);

    /** chroot(2): 0, or -1 and errno. */
    static native int chroot(String path);

    /** umask(2): the previous mask; it cannot fail. */
    static native int umask(int mask);

    /** dup2(2): the new descriptor, or -1 and errno. */
    static native int dup2(int fd, int newFd);

    /** setrlimit(2), with {soft, hard} as rlim_t: 0, or -1 and errno. */
    static native int setrlimit(int resource, long[] limits);

    /** socket(2): the descriptor, or -1 and errno. */
    static native int socket(int domain, int type, int protocol);

    /** bind(2): 0, or -1 and errno. */
    static native int bind(int fd, Pointer address, int addressLength);

    /** listen(2): 0, or -1 and errno. */
    static native int listen(int fd, int backlog);

    /** setsockopt(2): 0, or -1 and errno. */
    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    /** sendto(2): bytes sent, or -1 and errno. */
    static native long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength);

    /** kill(2): 0, or -1 and errno. */
    static native int kill(int pid, int signal);

    /** strerror(3): the message of an error number. */
    static native String strerror(int errno);

    /** getpwnam(3): the struct passwd, or null (errno set only on an error, not for no such user). */
    static native Pointer getpwnam(String name);

    /** getpwuid(3): the struct passwd, or null. */
    static native Pointer getpwuid(int uid);

    /** getgrnam(3): the struct group, or null. */
    static native Pointer getgrnam(String name);

    /** initgroups(3): 0, or -1 and errno. */
    static native int initgroups(String user, int group);

    /** setgroups(2): 0, or -1 and errno. */
    static native int setgroups(long size, int[] groups);

    /** setgid(2): 0, or -1 and errno. */
    static native int setgid(int gid);

    /** setuid(2): 0, or -1 and errno. */
    static native int setuid(int uid);

    /** getuid(2): it cannot fail. */
    static native int getuid();

    /** geteuid(2): it cannot fail. */
    static native int geteuid();

    /** getgid(2): it cannot fail. */
    static native int getgid();

    /** getegid(2): it cannot fail. */
    static native int getegid();

    /** getgroups(2): how many groups were written, or -1 and errno (EINVAL: {@code size} too small). */
    static native int getgroups(int size, int[] groups);

    /** getgrouplist(3): the count, or -1 if {@code groups} is too small ({@code count} then says how many). */
    static native int getgrouplist(String user, int group, int[] groups, IntByReference count);

    /** The variadic calls: JNA passes their trailing arguments the way each ABI wants them. */
    interface Variadic extends Library {
        /** Bound to the process's own symbols, as the direct mappings are: no library search. */
        Variadic INSTANCE = Native.load(null, Variadic.class);

        /** open(2): the descriptor, or -1 and errno. */
        int open(String path, int flags, Object... mode);

        /** fcntl(2): a value that depends on the command (0 for most), or -1 and errno. */
        int fcntl(int fd, int command, Object... argument);

        /** syscall(2), for the calls glibc has no wrapper for (Linux's pidfd_open): the call's result, or -1 and errno. */
        long syscall(long number, Object... arguments);

        /** prctl(2) (Linux): 0 for the options used here, or -1 and errno. */
        int prctl(int option, Object... arguments);
    }
}
