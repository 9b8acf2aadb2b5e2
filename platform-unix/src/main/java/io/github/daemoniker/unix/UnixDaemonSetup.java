package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import java.nio.file.Path;
import sun.misc.Signal;

/** What a relaunched JVM settles natively once it has reported ready. */
final class UnixDaemonSetup {

    private UnixDaemonSetup() {
    }

    static void settle(DaemonPlan plan, int[] channelFds) {
        restoreSignals();
        // the unset streams were the original process's pipe until now
        int nullDevice = Errno.check(LibC.Variadic.INSTANCE.open("/dev/null",
                UnixConstants.O_RDWR | UnixConstants.O_CLOEXEC), "opening /dev/null");
        System.out.flush();
        System.err.flush();
        if (plan.get(Option.STDOUT) == null) {
            Errno.check(LibC.dup2(nullDevice, 1), "moving stdout to /dev/null");
        }
        if (plan.get(Option.STDERR) == null) {
            Errno.check(LibC.dup2(nullDevice, 2), "moving stderr to /dev/null");
        }
        LibC.close(nullDevice);
        // the channels were opened again as Java streams; the inherited descriptors go
        LibC.close(channelFds[0]);
        LibC.close(channelFds[1]);
    }

    /** A daemon that stays in the foreground does itself what the relaunching shell would. */
    static void foreground(DaemonPlan plan) {
        LibC.umask(plan.get(Option.UMASK));
        if (plan.get(Option.PREVENT_CORE)) {
            Errno.check(LibC.setrlimit(UnixConstants.RLIMIT_CORE, new long[] {0, 0}), "preventing core dumps");
        }
    }

    static void chdir(Path directory) {
        if (LibC.chdir(directory.toString()) == -1) {
            throw new DaemonizeException("the daemon could not change to directory " + directory + ": "
                    + Errno.describe(Errno.last()));
        }
    }

    /**
     * Where env could not reset them (busybox, macOS): the shell that started this JVM as a
     * background job ignored SIGINT and SIGQUIT for it (and a JDK launch passes on what the
     * original process ignored), and a JVM does not install its handlers over an ignored signal. Ignored shutdown signals go back to what a JVM does with them: run the shutdown
     * hooks and exit with 128 + the signal's number.
     */
    private static void restoreSignals() {
        String[] names = {"HUP", "INT", "TERM", "QUIT"};
        int[] numbers = {UnixConstants.SIGHUP, UnixConstants.SIGINT, UnixConstants.SIGTERM, UnixConstants.SIGQUIT};
        for (int i = 0; i < numbers.length; i++) {
            if (!UnixSignals.isIgnored(numbers[i], "SIG" + names[i])) {
                continue;
            }
            UnixSignals.toDefault(numbers[i], "SIG" + names[i]);
            if (numbers[i] != UnixConstants.SIGQUIT) {
                Signal.handle(new Signal(names[i]), signal -> Runtime.getRuntime().exit(128 + signal.getNumber()));
            }
        }
    }
}
