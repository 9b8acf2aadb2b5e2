package io.github.daemoniker.cli;

import io.github.daemoniker.DaemonStatus;
import io.github.daemoniker.Daemoniker;
import java.nio.file.Path;
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
    static final int UNKNOWN = DaemonStatus.State.UNKNOWN.exitCode();

    @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
    Path pidFile;

    @Option(names = "--unlocked", description = "trust a pid file written without a lock if its pid is running")
    boolean unlocked;

    @Override
    public Integer call() {
        DaemonStatus status = unlocked ? Daemoniker.statusUnlocked(pidFile) : Daemoniker.status(pidFile);
        System.out.println(status);
        return status.state().exitCode();
    }
}
