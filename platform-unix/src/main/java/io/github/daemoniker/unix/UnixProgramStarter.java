package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.Poll;
import io.github.daemoniker.internal.ProgramStart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Daemonizes a program that knows nothing of pid files. Its pid file is locked by the caller with
 * an open-file-description lock (Linux 3.15+) on a descriptor the program inherits: the lock
 * belongs to that descriptor, so it lives exactly as long as the program keeps it, and dies with
 * it. A program that closes the descriptors it inherited gives the lock up.
 *
 * <p>This process becomes a child subreaper first, so that a program that forks and exits (a
 * server that daemonizes itself) leaves its child to this process rather than to init: such a
 * start is refused, and what it left running is ended, instead of running on unmanaged.
 */
final class UnixProgramStarter {
    private static final Duration EXEC_DEADLINE = Duration.ofSeconds(5);
    /** How long a started program is watched for forking and exiting, as a self-daemonizing server does. */
    private static final Duration SETTLE = Duration.ofMillis(250);

    private UnixProgramStarter() {
    }

    static long start(List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile) {
        if (!UnixConstants.LINUX) {
            throw new DaemonizeException("starting other programs needs Linux's open-file-description locks,"
                    + " which macOS does not have");
        }
        Errno.check(LibC.Variadic.INSTANCE.prctl(UnixConstants.PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L),
                "becoming the subreaper of the program's processes");
        UnixLauncher.ProgramLaunch launch = UnixLauncher.launchProgram(command, plan, lockedPidFile.descriptor());
        Launched launched = launch.launched();
        try {
            launched.handOff().close();
            long pid = readPid(launched, command);
            awaitExec(pid, plan, command, launch.shellCmdline());
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shell says the program's pid; or, if it could not start it, why, on its stderr. */
    private static long readPid(Launched launched, List<String> command) throws IOException {
        try (BufferedReader readiness = new BufferedReader(new InputStreamReader(launched.readiness(),
                StandardCharsets.US_ASCII))) {
            String line = readiness.readLine();
            if (line != null && line.matches("[1-9][0-9]*")) {
                launched.output().close();
                return Long.parseLong(line);
            }
        }
        String output = new String(launched.output().readAllBytes(), StandardCharsets.UTF_8).strip();
        throw new DaemonizeException("the program " + command.get(0) + " could not be started"
                + (output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("")));
    }

    /**
     * Until the background job has replaced the shell (and env) with the program, its command line
     * is theirs, byte for byte; if it ends instead, the exec failed (its reason is in the program's
     * stderr). Once it runs, it is watched a moment longer for forking and exiting. Compared
     * whole, not by a prefix: a program that is itself {@code /bin/sh -c …} is not the shell.
     */
    private static void awaitExec(long pid, DaemonPlan plan, List<String> command, String shellCmdline)
            throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        String env = "env\0--default-signal\0" + String.join("\0", UnixBytes.of(command)) + "\0";
        boolean execed = Poll.until(() -> !isRunning(pid) || !isLauncher(cmdline, shellCmdline, env), EXEC_DEADLINE,
                1_000_000L);
        if (!isRunning(pid) || execed && Poll.until(() -> !isRunning(pid), SETTLE)) {
            throw exited(pid, plan, command);
        }
    }

    private static boolean isLauncher(Path cmdline, String shell, String env) {
        String current;
        try {
            current = new String(Files.readAllBytes(cmdline), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            current = "";
        }
        return current.equals(shell) || current.equals(env);
    }

    private static boolean isRunning(long pid) {
        return UnixProcesses.running(pid);
    }

    /**
     * The program is gone. Whatever it left running was handed to this process, its subreaper:
     * a program that daemonized itself. Those are ended, so that a failed start leaves nothing.
     */
    private static DaemonizeException exited(long pid, DaemonPlan plan, List<String> command) {
        // the program itself is a zombie child of this process now: not among what it left
        List<ProcessHandle> left = ProcessHandle.current().children()
                .filter(child -> child.pid() != pid && isRunning(child.pid())).collect(Collectors.toList());
        if (!left.isEmpty()) {
            String pids = left.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
            for (ProcessHandle process : left) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Poll.until(() -> left.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5));
            return new DaemonizeException("the program " + command.get(0) + " (pid " + pid + ") forked and exited,"
                    + " leaving pid " + pids + ": it daemonizes itself, which leaves nothing Daemoniker can manage;"
                    + " start it with its option to stay in the foreground (nginx -g 'daemon off;', sshd -D,"
                    + " redis-server --daemonize no). What it left was ended");
        }
        return new DaemonizeException("the program " + command.get(0) + " exited at once"
                + ProgramStart.relativePaths(command, plan.get(Option.CHDIR))
                + (plan.get(Option.STDERR) == null ? "; its stderr went to the null device: set --stderr to see why"
                        : "; see its stderr log " + plan.get(Option.STDERR)));
    }
}
