package io.github.daemoniker.cli;

import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.Stopped;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** SIGTERM, then wait for the process to go and its pid file with it; SIGKILL if asked. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the daemon of a pid file: SIGTERM, then wait until it is gone, and its pid file"
                + " with it (a pid file it leaves behind is removed); with --kill, end it at once (SIGKILL)"
                + " after the timeout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped, or was not running", "1:still running, or the pid file cannot be trusted"})
final class StopCommand implements Callable<Integer> {

    @Mixin
    Stopping stopping;

    @Option(names = "--unlocked", description = "trust a pid file written without a lock if its pid is running")
    boolean unlocked;

    /** The library's stop; a daemon still running is this command's failure, told with its options. */
    @Override
    public Integer call() {
        Stopped stopped = unlocked ? Daemoniker.stopUnlocked(stopping.pidFile, stopping.timeout, stopping.kill)
                : Daemoniker.stop(stopping.pidFile, stopping.timeout, stopping.kill);
        if (stopped.isStopped()) {
            System.out.println(stopped);
            return 0;
        }
        System.err.println("daemoniker: " + stopped + (stopping.kill ? "" : " (--timeout, --kill)"));
        return 1;
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
