package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.GatedLaunch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Linux relaunch with the JDK alone, so that the original process never waits for the native
 * layer (about 100 ms of JNA's start). {@code ProcessBuilder} starts {@code setsid}, which makes
 * {@code /bin/sh} a session leader in its place; the shell runs {@link UnixLauncher}'s script: the
 * JVM in the background, out of a session it does not lead, with its umask and streams set.
 * The JDK gives the child only its three standard streams, and closes its own ends of their pipes
 * when the child ends, which the shell does at once; so the shell waits at a gate (a line on
 * stdin) while this process opens those pipes again, for itself, through {@code /proc/<pid>/fd},
 * and meanwhile checks the plan and marks the pid file ({@link io.github.daemoniker.internal.GatedLaunch}).
 * The daemon gets them as descriptors 3 (hand-off) and 4 (readiness), and what it writes to unset
 * streams goes to the third until it is ready. Used where nothing needs more: no shielded
 * descriptor, no listening socket, and a command line and environment the JDK passes on byte for byte.
 */
final class JdkLauncher {
    private static final String SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid"
            : Files.isExecutable(Path.of("/bin/setsid")) ? "/bin/setsid" : null;
    static final String GATE = "read -r _ || exit 1; exec 3<&0 4>&1; ";
    private static final DaemonSwitch.Channels CHANNELS = new DaemonSwitch.Channels(3, 4);

    private JdkLauncher() {
    }

    /**
     * The shell's argv, where this relaunch can be had from the JDK exactly; else empty. Loops
     * rather than streams here and below: this runs before the launch, and a stream's first use
     * costs milliseconds.
     */
    private static Optional<List<String>> exactArgv(LaunchCommand command, DaemonPlan plan) {
        if (!UnixConstants.LINUX || SETSID == null || !plan.get(Option.SHIELDED_FDS).isEmpty()
                || plan.get(Option.LISTEN) != null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> variable : plan.get(Option.ENVIRONMENT).entrySet()) {
            if (!UnixBytes.passesExactly(variable.getKey())
                    || variable.getValue() != null && !UnixBytes.passesExactly(variable.getValue())) {
                return Optional.empty();
            }
        }
        return argv(command, plan);
    }

    private static Optional<List<String>> argv(LaunchCommand command, DaemonPlan plan) {
        List<String> argv = new ArrayList<>(List.of(SETSID));
        for (String bytes : RelaunchScript.argv(command, plan, GATE, "/dev/fd/2")) {
            Optional<String> text = UnixBytes.asText(bytes);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            argv.add(text.get());
        }
        return Optional.of(argv);
    }

    /**
     * Where the JDK passes this relaunch on exactly (a command line and an environment it carries
     * byte for byte, no shielded descriptor), starts the shell, which waits at its gate: nothing of the plan is opened, and no JVM
     * started, until {@link Gated#open}. So the original process checks the plan, encodes the
     * arguments and marks the pid file while the shell starts (setsid, sh and the probe of env),
     * and a start refused then ends a shell that did nothing ({@link Gated#cancel}). Else {@code null}.
     */
    static Gated startIfExact(LaunchCommand command, String token, DaemonPlan plan) {
        Optional<List<String>> argv = exactArgv(command, plan);
        if (argv.isEmpty()) {
            return null;
        }
        ProcessBuilder builder = new ProcessBuilder(argv.get());
        Map<String, String> environment = builder.environment();
        environment.remove(DaemonSwitch.VARIABLE);
        for (Map.Entry<String, String> variable : plan.get(Option.ENVIRONMENT).entrySet()) {
            if (variable.getValue() == null) {
                environment.remove(variable.getKey());
            } else {
                environment.put(variable.getKey(), variable.getValue());
            }
        }
        environment.put(DaemonSwitch.VARIABLE, new DaemonSwitch(token, CHANNELS).value());
        Process shell;
        try {
            shell = builder.start();
        } catch (IOException e) {
            // the JDK starts every process through its own helper: gone, it is the JDK that is missing
            Path helper = Path.of(System.getProperty("java.home"), "lib", "jspawnhelper");
            throw new DaemonizeException("the daemon could not be started: " + (Files.isExecutable(helper)
                    ? SETSID + " could not be run: " + e.getMessage()
                    : "this JVM's own helper " + helper + " is gone (was the JDK moved, upgraded or removed while"
                    + " the program ran?): start the program again from an installed JDK"), e);
        }
        List<Closeable> ours = new ArrayList<>();
        try {
            OutputStream handOff = own(ours, Channels.newOutputStream(reopen(shell, 0, StandardOpenOption.WRITE)));
            InputStream readiness = own(ours, Channels.newInputStream(reopen(shell, 1, StandardOpenOption.READ)));
            InputStream output = own(ours, Channels.newInputStream(reopen(shell, 2, StandardOpenOption.READ)));
            // alive now, so not yet reaped, so the pid was still the shell's when its pipes were opened
            if (!shell.isAlive()) {
                throw new IOException("the shell ended before they were opened");
            }
            closeJdkEnds(shell);
            return new Gated(shell, handOff, readiness, output);
        } catch (IOException e) {
            closeAll(ours);
            // gone before the gate: the shell could not go on (no process left to probe env with)
            if (exited(shell)) {
                awaitShell(shell, shell.getErrorStream());
            }
            shell.destroyForcibly();
            throw new DaemonizeException("the daemon could not be started: the pipes to " + SETSID + " (pid "
                    + shell.pid() + ") could not be opened again through /proc: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            shell.destroyForcibly();
            closeAll(ours);
            throw e;
        }
    }

    /** A shell waiting at its gate, with this process's own ends of its pipes. */
    static final class Gated implements GatedLaunch {
        private final Process shell;
        private final OutputStream handOff;
        private final InputStream readiness;
        private final InputStream output;

        private Gated(Process shell, OutputStream handOff, InputStream readiness, InputStream output) {
            this.shell = shell;
            this.handOff = handOff;
            this.readiness = readiness;
            this.output = output;
        }

        /** Lets the shell start the JVM; returns once it has (a failure is thrown, and the shell gone). */
        @Override
        public Launched open() {
            try {
                try {
                    handOff.write('\n');
                    handOff.flush();
                } catch (IOException e) {
                    // gone before the gate: its status and stderr say why
                    if (exited(shell)) {
                        awaitShell(shell, output);
                    }
                    throw new DaemonizeException("the daemon could not be started: " + SETSID + " (pid " + shell.pid()
                            + ") stopped reading before its gate: " + e.getMessage(), e);
                }
                awaitShell(shell, output);
            } catch (RuntimeException | Error e) {
                cancel();
                throw e;
            }
            int processGroup = (int) shell.pid();
            ShellLaunchEnding ending = new ShellLaunchEnding(processGroup, readiness, output);
            return new Launched(handOff, readiness, output, ending, ending);
        }

        /** Ends the shell before its gate, where it has started nothing, and waits until it is gone. */
        @Override
        public void cancel() {
            closeAll(List.of(handOff, readiness, output));
            shell.destroyForcibly();
            boolean interrupted = Thread.interrupted();
            while (true) {
                try {
                    shell.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T extends Closeable> T own(List<Closeable> ours, T stream) {
        ours.add(stream);
        return stream;
    }

    /**
     * One end of the pipe the shell has as {@code fd}, for this process. A pipe opened in one
     * direction waits until the other end is open somewhere; opened read-write first, it is
     * (Linux), so this never waits, even if the shell were gone.
     */
    private static FileChannel reopen(Process shell, int fd, StandardOpenOption direction) throws IOException {
        Path end = Path.of("/proc", Long.toString(shell.pid()), "fd", Integer.toString(fd));
        try (FileChannel both = FileChannel.open(end, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return FileChannel.open(end, direction);
        }
    }

    /** This process's ends of the pipes are its own now; the JDK's would only close when the shell ends. */
    private static void closeJdkEnds(Process shell) {
        closeAll(List.of(shell.getOutputStream(), shell.getInputStream(), shell.getErrorStream()));
    }

    private static boolean exited(Process shell) {
        try {
            return shell.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The shell starts the JVM in the background and exits at once; a failure is said on its
     * stderr, {@code output}, and thrown.
     */
    private static void awaitShell(Process shell, InputStream output) {
        int status;
        try {
            status = shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonizeException("interrupted while the daemon was being started", e);
        }
        if (status != 0) {
            // nothing else writes there: the JVM was never started
            String said;
            try {
                said = new String(output.readNBytes(4096), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                said = "";
            }
            // the JDK's status of a process ended by a signal is 128 + the signal's number
            throw new DaemonizeException(RelaunchScript.endedEarly(status, status > 128 ? status - 128 : 0)
                    + (said.isEmpty() ? "" : ": " + said.lines().reduce((a, b) -> b).orElse("")));
        }
    }

    private static void closeAll(List<? extends Closeable> streams) {
        for (Closeable stream : streams) {
            try {
                stream.close();
            } catch (IOException e) {
                // a pipe end closes whatever the error says
            }
        }
    }
}
