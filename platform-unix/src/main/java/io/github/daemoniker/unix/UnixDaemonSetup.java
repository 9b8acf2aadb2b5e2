package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_APPEND;
import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_CREAT;
import static io.github.daemoniker.unix.UnixConstants.O_RDONLY;
import static io.github.daemoniker.unix.UnixConstants.O_WRONLY;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.DaemonPlan;
import java.nio.file.Path;
import java.util.Objects;
import sun.misc.Signal;

/** What a relaunched JVM does to itself to become a daemon, at the descriptor level. */
final class UnixDaemonSetup {
    private static final String NULL_DEVICE = "/dev/null";
    private static final long SIG_IGN = 1;

    private UnixDaemonSetup() {
    }

    static void apply(DaemonPlan plan) {
        restoreSignals();
        LibC.umask(plan.umask());
        redirectStandardStreams(plan);
        if (LibC.chdir(plan.chdir().toString()) == -1) {
            throw new DaemonizeException("the daemon could not change to directory " + plan.chdir() + ": "
                    + Errno.describe(Errno.last()));
        }
    }

    /**
     * The shell that started this JVM as a background job ignored SIGINT and SIGQUIT for it (the
     * rest was reset by posix_spawn), and a JVM does not install its handlers over an ignored
     * signal. Ignored shutdown signals go back to what a JVM does with them: run the shutdown
     * hooks and exit with 128 + the signal's number.
     */
    private static void restoreSignals() {
        String[] names = {"HUP", "INT", "TERM", "QUIT"};
        int[] numbers = {UnixConstants.SIGHUP, UnixConstants.SIGINT, UnixConstants.SIGTERM, UnixConstants.SIGQUIT};
        Memory current = new Memory(UnixConstants.SIGACTION_SIZE);
        Memory defaultAction = new Memory(UnixConstants.SIGACTION_SIZE);
        defaultAction.clear();
        for (int i = 0; i < numbers.length; i++) {
            current.clear();
            Errno.check(LibC.sigaction(numbers[i], null, current), "reading the SIG" + names[i] + " disposition");
            if (Pointer.nativeValue(current.getPointer(0)) != SIG_IGN) {
                continue;
            }
            Errno.check(LibC.sigaction(numbers[i], defaultAction, null), "restoring SIG" + names[i]);
            if (numbers[i] != UnixConstants.SIGQUIT) {
                Signal.handle(new Signal(names[i]), signal -> Runtime.getRuntime().exit(128 + signal.getNumber()));
            }
        }
    }

    /** Opens all three targets first, so a failure leaves the streams as they were. */
    private static void redirectStandardStreams(DaemonPlan plan) {
        int in = open("stdin", plan.stdin(), O_RDONLY);
        int out = open("stdout", plan.stdout(), O_WRONLY | O_CREAT | O_APPEND);
        int err = plan.stderr() != null && Objects.equals(plan.stderr(), plan.stdout())
                ? out
                : open("stderr", plan.stderr(), O_WRONLY | O_CREAT | O_APPEND);
        System.out.flush();
        System.err.flush();
        Errno.check(LibC.dup2(in, 0), "redirecting stdin");
        Errno.check(LibC.dup2(out, 1), "redirecting stdout");
        Errno.check(LibC.dup2(err, 2), "redirecting stderr");
        LibC.close(in);
        LibC.close(out);
        if (err != out) {
            LibC.close(err);
        }
    }

    private static int open(String stream, Path file, int flags) {
        String path = file == null ? NULL_DEVICE : file.toString();
        int fd = LibC.Variadic.INSTANCE.open(path, flags | O_CLOEXEC, 0666);
        if (fd == -1) {
            throw new DaemonizeException("the daemon could not open " + path + " for its " + stream + ": "
                    + Errno.describe(Errno.last()));
        }
        return fd;
    }
}
