package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Detach;
import io.github.daemoniker.DaemonizeException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code daemonize} without detaching: the same pid file, options and readiness, in this process,
 * whose standard streams stay where they are (a terminal, a supervisor's journal).
 */
public final class ForegroundSide {

    private ForegroundSide() {
    }

    /**
     * Whether this daemonization stays in the foreground: never with {@link Detach#ALWAYS}, always
     * with {@link Detach#NEVER}, and with {@link Detach#AUTO} where a supervisor already did the
     * detaching.
     */
    public static boolean applies(DaemonOptions options) {
        Supervisor supervisor = Platform.current().supervisor();
        if (options.detach() == Detach.ALWAYS && supervisor.watchesThisProcess()) {
            throw new DaemonizeException("this process is a Windows service, which the Service Control Manager knows"
                    + " by its process, so it cannot detach (Detach.ALWAYS): use Detach.AUTO, which stays in the"
                    + " foreground under a service manager");
        }
        return options.detach() == Detach.AUTO ? supervisor.detachedThisProcess() : options.detach() == Detach.NEVER;
    }

    /**
     * In the foreground the streams stay where the process was started — under systemd, the
     * journal —, not in the log files the options name for a detached daemon: said once, there,
     * with how systemd puts them in the file instead, so that nobody looks for a log that never comes.
     */
    private static void sayWhereTheOutputGoes(DaemonPlan plan) {
        java.util.Set<java.nio.file.Path> logs = new java.util.LinkedHashSet<>();
        for (Option<java.nio.file.Path> stream : List.of(Option.STDOUT, Option.STDERR)) {
            if (plan.get(stream) != null) {
                logs.add(plan.get(stream));
            }
        }
        if (!logs.isEmpty()) {
            System.err.println("daemoniker: this daemon runs in the foreground, so its output stays where it was"
                    + " started (under systemd, the journal), not in " + logs.iterator().next() + " as stdout/stderr ask"
                    + " of a detached daemon; under systemd, StandardOutput=append:" + logs.iterator().next()
                    + " in the unit puts it there");
        }
    }

    /** Takes the pid file and settles this process; returns the arguments as a daemon would get them. */
    public static Object[] daemonize(Path pidFile, DaemonOptions options, Object[] args) {
        Platform platform = Platform.current();
        DaemonPlan plan = DaemonPlan.resolve(pidFile, options);
        Object[] copies = ArgumentCodec.decode(ArgumentCodec.encode(args));
        Preload.start();
        Preload.await();
        PlanChecks.check(plan);
        PidFileLock lock = PidFileLock.acquire(plan.pidFile(), platform);
        try {
            lock.holdForLife();
            if (plan.get(Option.LISTEN) != null) {
                // bound while this process may still be root, like the daemon's original process does
                platform.unixOnly(PlanChecks.UNIX_OPTIONS).listenOnStandardInput(plan.get(Option.LISTEN));
            }
            platform.relauncher().settleForeground(plan);
            Confinement.enter(plan, platform);
        } catch (RuntimeException e) {
            lock.release();
            throw e instanceof DaemonizeException daemonize ? daemonize
                    : new DaemonizeException("the foreground daemon could not settle: " + e, e);
        }
        // a Windows service has no journal: its log files are its own, to reopen and rotate
        boolean ownLogs = platform.supervisor().watchesThisProcess();
        if (!ownLogs) {
            sayWhereTheOutputGoes(plan);
        }
        SettledDaemon.begin(ownLogs ? plan : plan.withoutStreams(), platform);
        try {
            // before the program's server asks System.inheritedChannel(), which answers once
            platform.supervisor().takeListeningSocket();
        } catch (DaemonikerException e) {
            // left where it is: Daemoniker.listeningChannel() says why, to a program that asks
        }
        if (!plan.manualReadiness()) {
            platform.supervisor().ready();
        }
        return copies;
    }
}
