package io.github.daemoniker.unix;

import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.LaunchCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script that starts a daemon in the background, and its arguments: plain Java, shared
 * by the JDK's launch and posix_spawn's.
 */
final class RelaunchScript {
    static final String SHELL = "/bin/sh";
    static final String NULL_DEVICE = "/dev/null";
    /**
     * A shell ignores SIGINT and SIGQUIT for a background job (and a JDK launch passes on what the
     * original process ignored), and a JVM started with them ignored never handles them. GNU env
     * (coreutils 8.31+) puts every signal back to the default before the JVM starts, so that they
     * hold when the daemon reports ready; where it cannot, the daemon puts the shutdown signals
     * back itself, just after ready. The probe's stderr is redirected in a subshell: the shell's own
     * descriptors 0 to 2 must stay its pipes while the JDK's launch opens them again (a redirection
     * of a plain command is made in the shell itself, around its fork).
     */
    private static final String DEFAULT_SIGNALS = "r=; (env --default-signal true) 2>/dev/null"
            + " && r='env --default-signal'; ";

    private RelaunchScript() {
    }

    /**
     * The shell's argv for a relaunch of {@code command} (byte strings): the script, with
     * {@code before} run once the signals are known, then its arguments; unset stdout goes to {@code unsetStdout}, unset
     * stderr to the shell's own.
     */
    static List<String> argv(LaunchCommand command, DaemonPlan plan, String before, String unsetStdout) {
        return argv(command, plan, before, unsetStdout, -1);
    }

    /** {@link #argv(LaunchCommand, DaemonPlan, String, String)}, the JVM's stdin the shell's {@code listening} descriptor. */
    static List<String> argv(LaunchCommand command, DaemonPlan plan, String before, String unsetStdout, int listening) {
        List<String> argv = new ArrayList<>(UnixBytes.of(List.of(SHELL, "-c", script(plan, before, "",
                onStdin(listening), ""),
                "daemoniker", Integer.toOctalString(plan.get(Option.UMASK)), orNull(plan.get(Option.STDIN)),
                orElse(plan.get(Option.STDOUT), unsetStdout), orElse(plan.get(Option.STDERR), "/dev/fd/2"))));
        // the JVM's own command line is already the kernel's bytes; the daemon's options are made so
        LaunchCommand relaunch = command.withJvmOptions(UnixBytes.of(plan.get(Option.JVM_OPTIONS)));
        argv.add(relaunch.executable());
        argv.addAll(relaunch.arguments());
        return argv;
    }

    /**
     * The script. Arguments: umask, stdin, stdout, stderr, then what {@code cd} takes, then the
     * command line exactly as given; {@code before} runs first (after the probe of env, which it
     * overlaps with whatever it waits for); {@code closes} are redirections for the command only, and
     * {@code then} runs once it is started in the background. No core dumps is {@code ulimit -c 0},
     * soft and hard (dash and bash set both when given neither -S nor -H).
     */
    static String script(DaemonPlan plan, String before, String cd, String closes, String then) {
        return (plan.get(Option.PREVENT_CORE) ? "ulimit -c 0; " : "") + DEFAULT_SIGNALS + before
                + "umask \"$1\"; i=$2 o=$3 e=$4; shift 4; " + cd
                + "exec $r \"$@\" <\"$i\" >>\"$o\" 2>>\"$e\"" + closes + " &" + then;
    }

    /** The redirections that make {@code listening} (a descriptor, or -1 for none) a command's stdin, and close it. */
    static String onStdin(int listening) {
        return listening < 0 ? "" : " 0<&" + listening + " " + listening + "<&-";
    }

    /**
     * The sentence both launchers throw when the shell ended before it started the JVM: its exit
     * status, or the signal that killed it.
     */
    static String endedEarly(int status, int signal) {
        return "the daemon could not be started: " + SHELL + (signal != 0 ? " was killed by signal " + signal
                : " ended with status " + status) + " before starting the JVM";
    }

    static String orNull(Path path) {
        return orElse(path, NULL_DEVICE);
    }

    private static String orElse(Path path, String otherwise) {
        return path == null ? otherwise : path.toString();
    }
}
