package io.github.daemoniker.cli;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.PidFileStatus;
import io.github.daemoniker.internal.PidFiles;
import io.github.daemoniker.internal.Poll;
import io.github.daemoniker.internal.Seconds;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.SignalSender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** SIGTERM, then wait for the process to go and its pid file with it; SIGKILL if asked. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the daemon of a pid file: SIGTERM, then wait until it is gone, and its pid file"
                + " with it (a pid file it leaves behind is removed); with --kill, end it at once (SIGKILL)"
                + " after the timeout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped, or was not running", "1:still running, or the pid file cannot be trusted"})
final class StopCommand implements Callable<Integer> {

    @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
    Path pidFile;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to wait after SIGTERM: 10s, 500ms, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--kill", description = "after the timeout, end the daemon at once")
    boolean kill;

    @Option(names = "--unlocked", description = "trust a pid file written without a lock if its pid is running")
    boolean unlocked;

    /**
     * A start in progress is waited for first, so that the daemon it brings up is stopped rather
     * than reported as not running. A daemon that goes while this stop runs (another stop, its own
     * exit) counts as stopped.
     */
    @Override
    public Integer call() {
        PidFileStatus status = PidFileStatus.settled(pidFile);
        if (status.state() == PidFileStatus.State.MISSING) {
            System.out.println("not running: no pid file " + status.path());
            return 0;
        }
        if (status.state() == PidFileStatus.State.DEAD) {
            PidFiles.removeIfDead(status.path(), status.pid());
            System.out.println("not running: removed the stale pid file " + status.path() + " (pid "
                    + status.pid() + ")");
            return 0;
        }
        String[] refused = {null};
        long pid = terminate(status, refused);
        if (Poll.until(() -> !Platform.current().isRunning(pid), timeout)) {
            PidFiles.removeIfDead(status.path(), pid);
            System.out.println("stopped, pid " + pid);
            return 0;
        }
        if (!kill) {
            System.err.println("daemoniker: pid " + pid + " is still running " + Seconds.of(timeout)
                    + " after SIGTERM: wait longer (--timeout), or end it with --kill");
            return 1;
        }
        try {
            SignalSender.kill(pidFile, unlocked);
        } catch (DaemonikerException e) {
            if (!goneMeanwhile(status)) {
                throw e;
            }
        }
        if (!Poll.until(() -> !Platform.current().isRunning(pid), Duration.ofSeconds(10))) {
            System.err.println("daemoniker: pid " + pid + " is still running after SIGKILL");
            return 1;
        }
        PidFiles.removeIfDead(status.path(), pid);
        System.out.println("killed, pid " + pid + ", " + (refused[0] == null ? "still running " + Seconds.of(timeout)
                + " after SIGTERM" : "which could not be sent SIGTERM (" + refused[0] + ")"));
        return 0;
    }

    /**
     * SIGTERM; with --kill, a daemon that cannot be sent it (on Windows, one without a
     * SignalHandler) is given the timeout to end by itself, then killed: {@code refused} says why.
     */
    private long terminate(PidFileStatus status, String[] refused) {
        try {
            return SignalSender.send(pidFile, Signal.SIGTERM, unlocked);
        } catch (DaemonikerException e) {
            if (goneMeanwhile(status)) {
                return status.pid();
            }
            if (kill && status.stillHolds()) {
                refused[0] = e.getMessage();
                return status.pid();
            }
            throw e;
        }
    }

    /**
     * Whether the daemon {@code before} named is on its way out by itself, or by another stop:
     * its pid file is gone, or still names it but it no longer holds the lock (it let go as it
     * exits). The caller then waits for the process to end, as after its own SIGTERM.
     */
    private static boolean goneMeanwhile(PidFileStatus before) {
        PidFileStatus now = PidFileStatus.of(before.path());
        return before.pid() != 0 && (now.state() == PidFileStatus.State.MISSING
                || now.pid() == before.pid() && now.state() != PidFileStatus.State.RUNNING);
    }

    /** 10s, 500ms, 2m, or a plain number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m)?").matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give 10s, 500ms or 2m");
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return unit.equals("ms") ? Duration.ofMillis(amount)
                    : unit.equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        }
    }
}
