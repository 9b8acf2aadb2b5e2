package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_RDONLY;
import static io.github.daemoniker.unix.UnixConstants.POSIX_SPAWN_SETSID;
import static io.github.daemoniker.unix.UnixConstants.POSIX_SPAWN_SETSIGDEF;
import static io.github.daemoniker.unix.UnixConstants.POSIX_SPAWN_SETSIGMASK;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.Poll;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The Unix relaunch: a double fork with no Java code in either child. posix_spawn starts
 * {@code /bin/sh} as a new session leader (clean signal mask and dispositions, only the chosen
 * descriptors); the shell sets the daemon's umask, opens its standard streams and starts the JVM
 * as a background job, then exits. The JVM is thus in a session it does not lead, so it can never
 * gain a controlling terminal, and it is re-parented to init; its streams are the daemon's from
 * its first instruction. glibc's posix_spawn uses vfork semantics, so its cost does not grow with
 * the heap. The shell's own errors (a log it cannot open) go to the original process.
 */
final class UnixLauncher {
    /** posix_spawn_file_actions_addclosefrom_np, where the C library has it (glibc 2.34+). */
    private static final Function CLOSE_FROM = optional("posix_spawn_file_actions_addclosefrom_np");

    private UnixLauncher() {
    }

    static Launched launch(LaunchCommand command, String token, DaemonPlan plan) {
        int listening = listening(plan);
        try {
            return spawn(plan, plan.get(Option.SHIELDED_FDS), listening, (handOffTarget, readinessTarget, listeningTarget) -> {
                // unset streams stay on the pipe to the original process until the daemon is ready, so
                // that what a failing daemon says is not lost; the daemon then moves them to the null device
                return RelaunchScript.argv(command, plan, "", "/dev/fd/1", listeningTarget);
            }, channels -> array(UnixBytes.environment(plan.get(Option.ENVIRONMENT), new DaemonSwitch(token, channels))));
        } finally {
            closeAll(listening);
        }
    }

    /** The socket {@code DaemonOptions.listen} asks for, bound here, or -1. */
    private static int listening(DaemonPlan plan) {
        return plan.get(Option.LISTEN) == null ? -1 : ListeningSocket.open(plan.get(Option.LISTEN));
    }

    /** The shell's argv, given where it finds its channels and the listening socket (-1: none). */
    private interface ShellArgv {
        List<String> argv(int handOffTarget, int readinessTarget, int listeningTarget);
    }

    /**
     * Starts any program as a daemon the same way, but the shell also changes to the working
     * directory, keeps {@code lockFd} open for the program (its pid file's lock), writes the
     * program's pid into the pid file itself (so that, whenever the caller dies, a program that
     * runs has its pid written; where that write fails, a full disk, the caller's own write fails
     * too and ends the program) and reports it on the readiness channel, which the program itself
     * does not inherit.
     */
    static ProgramLaunch launchProgram(List<String> command, DaemonPlan plan, int lockFd) {
        int listening = listening(plan);
        try {
            ProgramShell shell = new ProgramShell(command, plan, lockFd);
            Launched launched = spawn(plan, Set.of(lockFd), listening, shell,
                    channels -> array(UnixBytes.environment(plan.get(Option.ENVIRONMENT), null)));
            return new ProgramLaunch(launched, shell.cmdline);
        } finally {
            closeAll(listening);
        }
    }

    /**
     * A program's launch, and the command line its background job has until it has exec'ed the
     * program (the shell's own, NUL-separated as /proc shows it).
     */
    record ProgramLaunch(Launched launched, String shellCmdline) {
    }

    /** The shell's argv for a program, kept as the job's command line. */
    private static final class ProgramShell implements ShellArgv {
        private final List<String> command;
        private final DaemonPlan plan;
        private final int lockFd;
        private String cmdline;

        ProgramShell(List<String> command, DaemonPlan plan, int lockFd) {
            this.command = command;
            this.plan = plan;
            this.lockFd = lockFd;
        }

        @Override
        public List<String> argv(int handOffTarget, int readinessTarget, int listening) {
            String script = RelaunchScript.script(plan, "", "cd \"$1\" || exit 1; shift; ",
                    " " + handOffTarget + "<&- " + readinessTarget + ">&-" + RelaunchScript.onStdin(listening),
                    " echo \"$!\" >/dev/fd/" + lockFd + "; echo \"$!\" >&" + readinessTarget);
            List<String> argv = new ArrayList<>(List.of(RelaunchScript.SHELL, "-c", script, "daemoniker",
                    Integer.toOctalString(plan.get(Option.UMASK)), RelaunchScript.orNull(plan.get(Option.STDIN)), RelaunchScript.orNull(plan.get(Option.STDOUT)),
                    RelaunchScript.orNull(plan.get(Option.STDERR)), plan.get(Option.CHDIR).toString()));
            argv.addAll(command);
            List<String> bytes = UnixBytes.of(argv);
            cmdline = String.join("\0", bytes) + "\0";
            return bytes;
        }
    }

    /**
     * Spawns the shell with the channels, the {@code shieldedFds} and the {@code listening} socket
     * (-1: none; given the shell at a low number, as a shell's redirections take one digit); argv and
     * the environment are byte strings.
     */
    private static Launched spawn(DaemonPlan plan, Set<Integer> shieldedFds, int listening, ShellArgv argvFor,
                                  java.util.function.Function<DaemonSwitch.Channels, Pointer> environmentFor) {
        for (int fd : shieldedFds) {
            if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_GETFD) == -1) {
                throw new DaemonizeException("shielded file descriptor " + fd + " is not open in this process:"
                        + " shield only descriptors the daemon should inherit");
            }
        }
        int[] handOff = Pipes.open();
        int[] readiness = Pipes.open();
        int[] output = Pipes.open();
        Set<Integer> taken = new TreeSet<>(shieldedFds);
        for (int fd : new int[] {handOff[0], handOff[1], readiness[0], readiness[1], output[0], output[1]}) {
            taken.add(fd);
        }
        int handOffTarget = lowestFree(taken);
        taken.add(handOffTarget);
        int readinessTarget = lowestFree(taken);
        taken.add(readinessTarget);
        if (listening >= 0) {
            taken.add(listening);
        }
        int listeningTarget = listening < 0 ? -1 : lowestFree(taken);
        DaemonSwitch.Channels channels = new DaemonSwitch.Channels(handOffTarget, readinessTarget);

        Set<Integer> kept = new TreeSet<>(shieldedFds);
        kept.add(handOffTarget);
        kept.add(readinessTarget);
        if (listening >= 0) {
            kept.add(listeningTarget);
        }
        for (int fd : shieldedFds) {
            // a descriptor the user shields must survive exec, whatever its flags were
            Errno.check(LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_SETFD, 0), "clearing close-on-exec of fd " + fd);
        }

        Memory actions = new Memory(UnixConstants.SPAWN_STRUCT_SIZE);
        Memory attributes = new Memory(UnixConstants.SPAWN_STRUCT_SIZE);
        Memory noSignals = new Memory(UnixConstants.SIGSET_SIZE);
        Memory allSignals = new Memory(UnixConstants.SIGSET_SIZE);
        Errno.checkReturned(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        Errno.checkReturned(LibC.posix_spawnattr_init(attributes), "posix_spawnattr_init");
        try {
            spawnAction(LibC.posix_spawn_file_actions_addopen(actions, 0, RelaunchScript.NULL_DEVICE, O_RDONLY, 0));
            spawnAction(LibC.posix_spawn_file_actions_adddup2(actions, output[1], 1));
            spawnAction(LibC.posix_spawn_file_actions_adddup2(actions, output[1], 2));
            spawnAction(LibC.posix_spawn_file_actions_adddup2(actions, handOff[0], handOffTarget));
            spawnAction(LibC.posix_spawn_file_actions_adddup2(actions, readiness[1], readinessTarget));
            if (listening >= 0) {
                spawnAction(LibC.posix_spawn_file_actions_adddup2(actions, listening, listeningTarget));
            }
            closeTheRest(actions, kept);
            LibC.sigemptyset(noSignals);
            LibC.sigfillset(allSignals);
            spawnAction(LibC.posix_spawnattr_setflags(attributes,
                    (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
            spawnAction(LibC.posix_spawnattr_setsigmask(attributes, noSignals));
            spawnAction(LibC.posix_spawnattr_setsigdefault(attributes, allSignals));

            IntByReference shellPid = new IntByReference();
            int error = LibC.posix_spawn(shellPid, RelaunchScript.SHELL, actions, attributes,
                    array(argvFor.argv(handOffTarget, readinessTarget, listeningTarget)), environmentFor.apply(channels));
            if (error != 0) {
                closeAll(handOff[1], readiness[0], output[0]);
                throw new DaemonizeException("the daemon could not be started: posix_spawn of " + RelaunchScript.SHELL
                        + " failed: " + Errno.describe(error));
            }
            try {
                awaitShell(shellPid.getValue());
            } catch (DaemonizeException e) {
                // the shell's own words are on the output pipe, which nothing else holds once it is gone
                LibC.close(output[1]);
                output[1] = -1;
                closeAll(handOff[1], readiness[0]);
                throw new DaemonizeException(e.getMessage() + lastLine(output[0]), e);
            }
            int processGroup = shellPid.getValue();
            // the read ends are opened again while this process still holds the write ends (below)
            InputStream readinessIn = new Fd(readiness[0]).input();
            InputStream outputIn = new Fd(output[0]).input();
            ShellLaunchEnding ending = new ShellLaunchEnding(processGroup, readinessIn, outputIn);
            return new Launched(new Fd(handOff[1]).output(), readinessIn, outputIn, ending, ending);
        } finally {
            LibC.posix_spawn_file_actions_destroy(actions);
            LibC.posix_spawnattr_destroy(attributes);
            closeAll(handOff[0], readiness[1], output[1]);
        }
    }

    /** Byte strings as a NULL-terminated char* array, each byte as it is. */
    private static Pointer array(List<String> byteStrings) {
        return new StringArray(byteStrings.toArray(new String[0]), StandardCharsets.ISO_8859_1.name());
    }

    private static void spawnAction(int error) {
        Errno.checkReturned(error, "preparing posix_spawn");
    }

    /**
     * Every descriptor but stdio and {@code kept} is closed in the child. glibc 2.34+ closes all
     * above the highest kept one in one action, which also reaches descriptors at or above the
     * open-file limit (inherited before the limit was lowered), which a single close action refuses.
     */
    private static void closeTheRest(Memory actions, Set<Integer> kept) {
        int from = kept.isEmpty() ? 3 : Math.max(3, ((TreeSet<Integer>) kept).last() + 1);
        boolean closesFrom = CLOSE_FROM != null;
        for (int fd : openDescriptors()) {
            if (fd > 2 && !kept.contains(fd) && (!closesFrom || fd < from)) {
                int error = LibC.posix_spawn_file_actions_addclose(actions, fd);
                if (error == UnixConstants.EBADF) {
                    throw new DaemonizeException("descriptor " + fd + " is open in this process at or above its"
                            + " open-file limit (ulimit -n), and this C library cannot close it for the daemon:"
                            + " raise the limit above " + fd + ", or close the descriptor first");
                }
                spawnAction(error);
            }
        }
        if (closesFrom) {
            spawnAction(CLOSE_FROM.invokeInt(new Object[] {actions, from}));
        }
    }

    /** The shell forks the JVM and exits at once; reaping it leaves the JVM to init. */
    private static void awaitShell(int pid) {
        IntByReference status = new IntByReference();
        while (LibC.waitpid(pid, status, 0) == -1) {
            if (Errno.last() != UnixConstants.EINTR) {
                throw Errno.failure("waiting for " + RelaunchScript.SHELL + " (pid " + pid + ")", Errno.last());
            }
        }
        int value = status.getValue();
        if ((value & 0x7f) != 0 || (value >> 8 & 0xff) != 0) {
            throw new DaemonizeException(RelaunchScript.endedEarly(value >> 8 & 0xff, value & 0x7f));
        }
    }

    /** ": " and the last line read from {@code fd} (at most 4 KiB), or nothing; closes it. */
    private static String lastLine(int fd) {
        byte[] said = new byte[4096];
        int n = Math.max(0, LibC.read(fd, said, said.length));
        LibC.close(fd);
        String text = new String(said, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text.lines().reduce((a, b) -> b).orElse("");
    }

    private static Function optional(String name) {
        try {
            return NativeLibrary.getProcess().getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** This process's open descriptors, as the kernel lists them. */
    private static List<Integer> openDescriptors() {
        String[] names = UnixPidFileAccess.DESCRIPTORS.toFile().list();
        List<Integer> fds = new ArrayList<>();
        for (String name : names == null ? new String[0] : names) {
            int fd = Integer.parseInt(name);
            // the listing's own descriptor is closed again by now
            if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_GETFD) != -1) {
                fds.add(fd);
            }
        }
        return fds;
    }

    private static int lowestFree(Set<Integer> taken) {
        int fd = 3;
        while (taken.contains(fd)) {
            fd++;
        }
        return fd;
    }

    /** Closing a channel's stream ends a read another thread has pending on it. */
    private static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd != -1) {
                LibC.close(fd);
            }
        }
    }

    /**
     * The shell led a new session and group; the JVM and whatever it started are still in it.
     * Returns once the group is gone (or after five more seconds), so nothing outlives the failure.
     */
    static void abandon(int processGroup, Duration grace) {
        BooleanSupplier groupGone = () -> LibC.kill(-processGroup, 0) == -1;
        Poll.until(groupGone, grace);
        LibC.kill(-processGroup, UnixConstants.SIGKILL);
        Poll.until(groupGone, Duration.ofSeconds(5));
    }
}
