package io.github.daemoniker.unix;

import io.github.daemoniker.internal.Supervisor;
import io.github.daemoniker.internal.ThisProcess;
import io.github.daemoniker.internal.Watchdog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * systemd's readiness protocol: datagrams to the Unix socket named by {@code NOTIFY_SOCKET}
 * ({@code @name} for the abstract namespace), sent natively since the JDK has no Unix datagram
 * sockets; without the variable, nothing is sent. A process that init, inetd or systemd started
 * is already detached.
 */
final class SystemdSupervisor implements Supervisor {
    static final String VARIABLE = "NOTIFY_SOCKET";
    private static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final AtomicBoolean ready = new AtomicBoolean();

    @Override
    public void prepare() {
        // systemd needs nothing before the daemon is ready
    }

    @Override
    public boolean detachedThisProcess() {
        return supervised(ThisProcess.pid(), ThisProcess.parentPid(), stdinIsSocket(), System.getenv());
    }

    /**
     * Started by init, by inetd (a socket on stdin), or by systemd; or init itself, the first
     * process of a container, whose detached daemon would die with it at once.
     */
    static boolean supervised(long pid, long parentPid, boolean stdinIsSocket, Map<String, String> environment) {
        return pid == 1 || parentPid == 1 || stdinIsSocket || environment.containsKey("INVOCATION_ID")
                || environment.containsKey(VARIABLE);
    }

    /** A closed stdin is no socket (python-daemon and pandaemonium took it for one). */
    private static boolean stdinIsSocket() {
        try {
            int mode = (Integer) Files.getAttribute(Path.of("/dev/fd/0"), "unix:mode");
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean watchesThisProcess() {
        return false;
    }

    @Override
    public void ready() {
        if (System.getenv(VARIABLE) == null || !ready.compareAndSet(false, true)) {
            return;
        }
        // the hook first: a supervisor may stop the daemon the moment READY=1 arrives, and a JVM
        // already shutting down takes no more hooks, so STOPPING=1 would never be sent
        Runtime.getRuntime().addShutdownHook(new Thread("daemoniker-notify-stopping") {
            @Override
            public void run() {
                send("STOPPING=1");
            }
        });
        send("READY=1\nMAINPID=" + ThisProcess.pid());
        Watchdog.begin(this);
    }

    @Override
    public void takeListeningSocket() {
        SocketActivation.takeListeningSocket(ThisProcess.pid(), System.getenv());
    }

    /**
     * A systemd service (its units restart on failure, and Daemoniker's force a restart on 75), or a
     * launchd job (XPC_SERVICE_NAME, "0" outside one; its plist keeps it alive after a failure;
     * never run on a Mac).
     */
    @Override
    public boolean restartsThisProcess() {
        String launchdJob = System.getenv("XPC_SERVICE_NAME");
        return System.getenv("INVOCATION_ID") != null || launchdJob != null && !launchdJob.equals("0");
    }

    @Override
    public Duration watchdogInterval() {
        return watchdogInterval(ThisProcess.pid(), System.getenv());
    }

    /** sd_watchdog_enabled(3): WATCHDOG_USEC, for this process if WATCHDOG_PID names one, with a socket to tell. */
    static Duration watchdogInterval(long pid, Map<String, String> environment) {
        String micros = environment.get(WATCHDOG_USEC);
        String forPid = environment.get("WATCHDOG_PID");
        String socket = environment.get(VARIABLE);
        if (micros == null || socket == null || socket.isEmpty()
                || forPid != null && !forPid.equals(Long.toString(pid))) {
            return null;
        }
        try {
            long value = Long.parseLong(micros);
            return value > 0 ? Duration.ofNanos(Math.multiplyExact(value, 1000L)) : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public void alive() {
        send("WATCHDOG=1");
    }

    /** Said as STATUS=, like a failed start: systemd acts on the WATCHDOG=1 that no longer comes. */
    @Override
    public void unhealthy(String reason) {
        failed(reason);
    }

    @Override
    public boolean extendTimeout(Duration more) {
        return send("EXTEND_TIMEOUT_USEC=" + TimeUnit.NANOSECONDS.toMicros(more.toNanos()));
    }

    @Override
    public void failed(String reason) {
        send("STATUS=" + reason.replace('\n', ' '));
    }

    @Override
    public boolean send(String state) {
        String socket = System.getenv(VARIABLE);
        if (socket == null || socket.isEmpty()) {
            return false;
        }
        UnixDatagram.send(socket, state.getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
