package io.github.daemoniker.unix;

/** Pipes whose ends this process does not leak into other programs it starts. */
final class Pipes {
    private Pipes() {
    }

    /**
     * A new pipe, {read end, write end}, both close-on-exec and numbered 3 or more, so that they
     * never stand where a child's standard streams go (a JVM may start with those closed).
     */
    static int[] open() {
        int[] fds = new int[2];
        Errno.check(LibC.pipe(fds), "creating a pipe");
        for (int i = 0; i < 2; i++) {
            if (fds[i] < 3) {
                int moved = Errno.check(LibC.Variadic.INSTANCE.fcntl(fds[i], UnixConstants.F_DUPFD_CLOEXEC, 3),
                        "moving a pipe above the standard streams");
                LibC.close(fds[i]);
                fds[i] = moved;
            } else {
                Errno.check(LibC.Variadic.INSTANCE.fcntl(fds[i], UnixConstants.F_SETFD, UnixConstants.FD_CLOEXEC),
                        "setting close-on-exec");
            }
        }
        return fds;
    }
}
