package io.github.daemoniker.cli;

import io.github.daemoniker.Daemoniker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The daemon stopped, and its user's own command run again. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart the daemon of a pid file (Linux): stop it as stop does, then run its own command"
                + " again - its command line, environment and original directory, less what Daemoniker added to"
                + " its relaunch - and wait until the new daemon is up. A daemon whose command cannot be had (in"
                + " the foreground, started by daemoniker start, stripped arguments) is refused and left running.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restarted", "1:not restarted, or not started again after the stop (said why)"})
final class RestartCommand implements Callable<Integer> {

    @Mixin
    Stopping stopping;

    @Override
    public Integer call() {
        long before = Daemoniker.status(stopping.pidFile).pid();
        long pid = Daemoniker.restart(stopping.pidFile, stopping.timeout, stopping.kill);
        System.out.println("restarted, pid " + pid + " (was " + before + ")");
        return 0;
    }
}
