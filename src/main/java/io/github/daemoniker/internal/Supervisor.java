package io.github.daemoniker.internal;

import java.time.Duration;

/**
 * The supervisor that may have started this process, as each system has its own: systemd and its
 * notify socket (and init, inetd) on Unix, the Service Control Manager on Windows. Shared code
 * tells it what happens; it never asks which system this is.
 */
public interface Supervisor {

    /**
     * In the original process, while its setup code runs: a Windows service connects to the
     * Service Control Manager now, which gives a service only so long.
     */
    void prepare();

    /** Whether a supervisor already detached this process, so that {@code Detach.AUTO} stays in the foreground. */
    boolean detachedThisProcess();

    /**
     * Whether the supervisor watches this very process (a Windows service): it can never detach,
     * and its log files are its own to reopen and rotate, where a journal's are not.
     */
    boolean watchesThisProcess();

    /** The daemon is ready: READY=1 and MAINPID, once, then STOPPING=1 as it shuts down; a Windows service: running. */
    void ready();

    /**
     * The daemon could not start, for {@code reason}: systemd's {@code STATUS=}; a Windows service
     * says it in the event log and reports itself stopped with an error.
     */
    void failed(String reason);

    /** Sends {@code state} (such as "RELOADING=1"); false where no supervisor listens for it. */
    boolean send(String state);

    /**
     * Where the supervisor passed this process a listening socket (systemd's socket activation:
     * {@code LISTEN_FDS}, {@code LISTEN_PID}), moves it onto descriptor 0, where the JDK's
     * {@code System.inheritedChannel()} makes a channel of it; once, and nothing where none was passed.
     *
     * @throws io.github.daemoniker.DaemonikerException in one sentence for what the JDK cannot take
     *         (more than one socket)
     */
    void takeListeningSocket();

    /**
     * Whether a supervisor would start this process again after it exits with
     * {@code Daemoniker.RESTART_EXIT_STATUS}: a systemd service, a launchd job, a Windows service.
     */
    boolean restartsThisProcess();

    /**
     * How often the supervisor wants to hear that this very process is alive (systemd's
     * {@code WatchdogSec=}), or null where it wants nothing: then only a {@link Watchdog} health
     * check, if given, decides (a Windows service).
     */
    Duration watchdogInterval();

    /** The daemon is alive and healthy: systemd's {@code WATCHDOG=1}. */
    void alive();

    /**
     * The health check failed, for {@code reason}, which the log already holds with a thread dump:
     * systemd hears it as {@code STATUS=} and acts on the missed deadline; a Windows service ends as
     * a failure, so that its recovery actions run.
     */
    void unhealthy(String reason);

    /**
     * A start or a stop needs {@code more} time than the supervisor gives it (systemd's
     * {@code EXTEND_TIMEOUT_USEC=}, a Windows service's wait hint); false where no supervisor
     * waits for one now.
     */
    boolean extendTimeout(Duration more);

    /**
     * {@link #failed}, told whatever happens: the native layer may be what failed, and the failure
     * being reported is the one that counts.
     */
    static void tellFailed(String reason) {
        try {
            Platform.current().supervisor().failed(reason);
        } catch (RuntimeException | LinkageError e) {
            System.getLogger(Supervisor.class.getName()).log(System.Logger.Level.WARNING,
                    "the supervisor could not be told why the daemon did not start", e);
        }
    }
}
