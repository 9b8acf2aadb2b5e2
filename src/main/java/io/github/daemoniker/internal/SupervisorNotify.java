package io.github.daemoniker.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Telling a supervisor that the daemon is ready. systemd's readiness protocol: datagrams to the
 * Unix socket named by {@code NOTIFY_SOCKET} ({@code @name} for the abstract namespace); the JDK
 * has no Unix datagram sockets, so the platform sends them natively. Without the variable, nothing
 * is sent. A Windows service reports itself running to the Service Control Manager instead.
 */
public final class SupervisorNotify {
    static final String VARIABLE = "NOTIFY_SOCKET";
    private static final AtomicBoolean READY = new AtomicBoolean();

    private SupervisorNotify() {
    }

    /** READY=1 and MAINPID, once per process; then STOPPING=1 when the JVM shuts down. A Windows service: running. */
    public static void ready() {
        if (OperatingSystem.current().isWindows()) {
            Platform.current().serviceControlManager().ifPresent(ServiceControlManager::running);
            return;
        }
        if (System.getenv(VARIABLE) == null || !READY.compareAndSet(false, true)) {
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
    }

    /**
     * The daemon could not start, for {@code reason}: a Windows service says it in the event log and
     * reports itself stopped with an error; under systemd it is the STATUS= that systemctl status shows.
     */
    public static void failed(String reason) {
        try {
            if (OperatingSystem.current().isWindows()) {
                Platform.current().serviceControlManager().ifPresent(manager -> manager.failed(reason));
            } else if (System.getenv(VARIABLE) != null) {
                send("STATUS=" + reason.replace('\n', ' '));
            }
        } catch (RuntimeException | LinkageError e) {
            // the native layer may be what failed: the failure being reported is the one that counts
            System.getLogger(SupervisorNotify.class.getName()).log(System.Logger.Level.WARNING,
                    "the supervisor could not be told why the daemon did not start", e);
        }
    }

    /** Sends {@code state} (such as "RELOADING=1"); false if no supervisor listens. */
    public static boolean send(String state) {
        String socket = System.getenv(VARIABLE);
        if (socket == null || socket.isEmpty()) {
            return false;
        }
        Platform.current().unixOnly("NOTIFY_SOCKET is a Unix (systemd) protocol: unset it on "
                + System.getProperty("os.name")).sendDatagram(socket, state.getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
