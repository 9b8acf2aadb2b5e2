package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Stopped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Daemoniker.restart}: the daemon of a pid file stopped, and its user's own command run
 * again — the daemon's command line, environment and original directory, less what the library
 * added to its relaunch ({@link RelaunchOrigin}) — all read before anything is stopped, so that a
 * daemon whose command cannot be had is refused in one sentence and left running.
 */
public final class DaemonRestart {

    private DaemonRestart() {
    }

    /** Restarts the daemon of {@code pidFile}; returns the new daemon's pid. */
    public static long restart(Path pidFile, Duration timeout, boolean kill) {
        PidFileStatus status = PidFileStatus.settled(pidFile);
        if (status.state() != PidFileStatus.State.RUNNING) {
            throw new DaemonikerException(status.whyNotRunning() + "; nothing was restarted");
        }
        long pid = status.pid();
        if (pid == ThisProcess.pid()) {
            throw new DaemonikerException("pid file " + status.path() + " is held by this very process (pid " + pid
                    + "), which cannot restart itself through it; nothing was restarted");
        }
        String cannot = "the daemon of " + status.path() + " (pid " + pid + ") cannot be restarted: ";
        ProcessLaunch launch;
        try {
            launch = Platform.current().unixOnly("daemoniker restart reads the daemon's command line, environment and"
                    + " directory from /proc, which only Linux has").launchOf(pid);
        } catch (DaemonikerException e) {
            throw new DaemonikerException(cannot + e.getMessage() + "; nothing was restarted", e);
        }
        ProcessBuilder again = command(launch, cannot);
        if (!status.stillHolds()) {
            throw new DaemonikerException(cannot + "it ended while its command line was read; nothing was restarted");
        }
        Stopped stopped = DaemonStop.stop(pidFile, timeout, kill, false);
        if (!stopped.isStopped()) {
            throw new DaemonikerException(stopped + "; nothing was started");
        }
        int exit;
        try {
            exit = again.start().waitFor();
        } catch (IOException e) {
            throw new DaemonikerException("the daemon of " + status.path() + " was stopped (pid " + pid + "), but its"
                    + " command could not be run again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonikerException("interrupted while the daemon of " + status.path() + " started again", e);
        }
        PidFileStatus after = PidFileStatus.settled(pidFile);
        if (exit != 0 || after.state() != PidFileStatus.State.RUNNING) {
            throw new DaemonikerException("the daemon of " + status.path() + " was stopped (pid " + pid + "), but its"
                    + " command, run again, ended with status " + exit + (after.state() == PidFileStatus.State.RUNNING
                    ? "" : " and " + after.whyNotRunning()) + " (what it said is above)");
        }
        return after.pid();
    }

    /** The user's own command, as the daemon's origin tells it from what the library added. */
    private static ProcessBuilder command(ProcessLaunch launch, String cannot) {
        String switchValue = null;
        String originValue = null;
        List<String> environment = new ArrayList<>();
        for (String entry : launch.environment()) {
            if (entry.startsWith(DaemonSwitch.VARIABLE + "=")) {
                switchValue = entry;
            } else if (entry.startsWith(RelaunchOrigin.VARIABLE + "=")) {
                originValue = entry.substring(RelaunchOrigin.VARIABLE.length() + 1);
            } else {
                environment.add(entry);
            }
        }
        if (switchValue == null || originValue == null) {
            throw new DaemonikerException(cannot + "it was not relaunched by Daemoniker (a daemon in the foreground, as"
                    + " under systemd, one that daemoniker start started, or one relaunched with exactRelaunch), so"
                    + " its command cannot be told from what was added to it: restart it the way it was started"
                    + " (systemctl restart, say); nothing was restarted");
        }
        RelaunchOrigin origin;
        try {
            origin = RelaunchOrigin.parse(originValue);
        } catch (DaemonikerException e) {
            throw new DaemonikerException(cannot + e.getMessage() + "; nothing was restarted", e);
        }
        if (!java.nio.file.Files.isDirectory(Path.of(origin.directory()))) {
            throw new DaemonikerException(cannot + "the directory it was started in, " + origin.directory()
                    + ", is gone; nothing was restarted");
        }
        if (origin.stripped()) {
            throw new DaemonikerException(cannot + "its program's arguments were left out of its command line"
                    + " (stripCmdArgs), so its command cannot be had again; nothing was restarted");
        }
        List<String> command = new ArrayList<>(List.of(launch.executable()));
        command.addAll(origin.userArguments(launch.arguments()).orElseThrow(() -> new DaemonikerException(cannot
                + "its command line is not the one " + RelaunchOrigin.VARIABLE + " was written for (a program the"
                + " daemon started inherited it?); nothing was restarted")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(origin.directory()).toFile()).inheritIO();
        Map<String, String> variables = builder.environment();
        variables.clear();
        for (String entry : environment) {
            int equals = entry.indexOf('=');
            variables.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return builder;
    }
}
