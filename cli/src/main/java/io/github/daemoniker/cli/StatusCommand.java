package io.github.daemoniker.cli;

import io.github.daemoniker.internal.PidFileStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Says whether the daemon runs, with the exit codes of LSB init scripts. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether the daemon of a pid file is running, its pid and since when.",
        exitCodeListHeading = "%nExit codes (as LSB init scripts):%n",
        exitCodeList = {"0:running", "1:dead, but the pid file remains", "3:not running",
            "4:unknown: the pid file cannot be read, or cannot be trusted"})
final class StatusCommand implements Callable<Integer> {
    static final int RUNNING = 0;
    static final int DEAD = 1;
    static final int NOT_RUNNING = 3;
    static final int UNKNOWN = 4;

    @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
    Path pidFile;

    @Override
    public Integer call() {
        PidFileStatus status = PidFileStatus.settled(pidFile);
        switch (status.state()) {
            case RUNNING:
                System.out.println("running, pid " + status.pid() + since(status.pid()));
                return RUNNING;
            case MISSING:
                System.out.println("not running: no pid file " + status.path());
                return NOT_RUNNING;
            case DEAD:
                System.out.println("dead: " + status.whyNotRunning() + ", but its pid file remains");
                return DEAD;
            default:
                System.out.println("unknown: " + status.whyNotRunning());
                return UNKNOWN;
        }
    }

    private static String since(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toString)
                .map(start -> ", since " + start).orElse("");
    }
}
