package io.github.daemoniker.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.Winsvc;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.SettledDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This JVM as a Windows service: the Service Control Manager's dispatcher on a thread of its own,
 * the service reported starting as soon as the program makes its {@code Daemonizer}, running once
 * it is ready, and stopped as the JVM ends after a stop was asked for. A stop, a shutdown or a
 * pre-shutdown notice is delivered as SIGTERM, on a thread of its own, as a sleeper would; the
 * control 128 ({@code sc control NAME 128}) opens the service's log files again.
 *
 * <p>Only a stop that was asked for (through the Service Control Manager, or SIGTERM or SIGINT
 * from {@code Daemoniker.send}) is reported as one: a JVM that ends otherwise reports nothing, so
 * that the Service Control Manager sees a failure and runs the recovery actions. (A shutdown hook
 * cannot know the JVM's exit status.)
 */
final class ServiceHost {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());
    /** How long starting and stopping may take, as the Service Control Manager is told. */
    private static final int WAIT_HINT_MILLIS = 60_000;
    /** The control ({@code sc control NAME 128}) on which a service opens its log files again, as logrotate's signal would. */
    static final int REOPEN_LOGS = 128;
    /** How long the dispatcher has to call back after it started: the Service Control Manager's own limit. */
    private static final long CONNECT_SECONDS = 30;
    /** The exit status of a service that hung: a failure, as the Service Control Manager reads it. */
    static final int HUNG_EXIT_STATUS = 1;
    /** How long a hung service's shutdown hooks may run before the JVM is halted. */
    private static final Duration HUNG_GRACE = Duration.ofSeconds(10);

    private final Consumer<Signal> raise;
    private final CountDownLatch registered = new CountDownLatch(1);
    // kept reachable for as long as Windows may call them
    private final Winsvc.SERVICE_MAIN_FUNCTION serviceMain = this::serviceMain;
    private final Winsvc.HandlerEx controlHandler = this::control;
    private volatile Winsvc.SERVICE_STATUS_HANDLE statusHandle;
    private volatile String failure;
    /** The service's name, as the Service Control Manager gives it. */
    private volatile String name = "";
    private volatile boolean stopAsked;
    private boolean checked;
    private boolean service;
    private boolean stopping;
    private boolean runningReported;
    /** The last pending report's checkpoint, which Windows wants to see grow while it waits. */
    private int checkPoint;
    private int pendingState = Winsvc.SERVICE_START_PENDING;

    /** {@code raise} delivers a signal inside this process as if it had been sent. */
    ServiceHost(Consumer<Signal> raise) {
        this.raise = raise;
    }

    /** Whether the Service Control Manager started this process: its parent is services.exe. */
    static boolean startedByServiceControlManager() {
        return ProcessHandle.current().parent().flatMap(parent -> parent.info().command())
                .map(command -> Path.of(command).getFileName().toString().equalsIgnoreCase("services.exe"))
                .orElse(false);
    }

    synchronized boolean connectIfStartedAsService() {
        if (checked) {
            return service;
        }
        checked = true;
        if (!startedByServiceControlManager()) {
            return false;
        }
        Thread dispatcher = new Thread(this::dispatch, "daemoniker-service");
        dispatcher.setDaemon(true);
        dispatcher.start();
        try {
            if (!registered.await(CONNECT_SECONDS, TimeUnit.SECONDS)) {
                failure = "the Service Control Manager did not call this service in " + CONNECT_SECONDS + " seconds";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while connecting to the Service Control Manager";
        }
        if (failure != null) {
            throw new DaemonizeException("this process was started by the Service Control Manager (services.exe), but"
                    + " could not become its service: " + failure);
        }
        service = true;
        return true;
    }

    synchronized boolean isService() {
        return service;
    }

    /** A stop that was asked for by a signal: the JVM's end after it is reported as a stop. */
    void stopAskedBy(Signal signal) {
        if (signal == Signal.SIGTERM || signal == Signal.SIGINT) {
            stopAsked = true;
        }
    }

    synchronized void running() {
        if (!service || runningReported) {
            return;
        }
        runningReported = true;
        // the hook first: a stop may come the moment the service is reported running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopAsked) {
                report(Winsvc.SERVICE_STOPPED, 0, 0, 0);
            }
        }, "daemoniker-service-stopped"));
        report(Winsvc.SERVICE_RUNNING, Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_SHUTDOWN
                | Winsvc.SERVICE_ACCEPT_PRESHUTDOWN, 0, 0);
    }

    /**
     * The service could not start: {@code reason} goes to the Windows event log (Application, from
     * the service's name), and the service is reported stopped with a service-specific error (1),
     * which {@code sc query} shows; no recovery action runs for a start that will fail again.
     */
    synchronized void failed(String reason) {
        if (!service || stopping) {
            return;
        }
        stopping = true;
        logEvent("The service could not start: " + reason);
        report(Winsvc.SERVICE_STOPPED, 0, 0, ServiceCalls.ERROR_SERVICE_SPECIFIC_ERROR);
    }

    /**
     * The service hangs, for {@code reason} (its log holds a thread dump): said in the event log, and
     * the JVM ends without reporting a stop, which the Service Control Manager takes for a failure
     * and answers with the service's recovery actions. Shutdown hooks get {@code HUNG_GRACE} to run
     * (the pid file goes); a hook that hangs too is cut short.
     */
    void hung(String reason) {
        synchronized (this) {
            if (!service || stopping) {
                return;
            }
            stopping = true;
        }
        String ending = "the service ends as a failure, for its recovery actions to restart it: " + reason;
        System.err.println("daemoniker: " + ending);
        logEvent("The service is not healthy: " + ending);
        Thread exit = new Thread(() -> System.exit(HUNG_EXIT_STATUS), "daemoniker-service-hung");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(HUNG_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(HUNG_EXIT_STATUS);
    }

    /**
     * Tells the Service Control Manager that starting or stopping needs {@code more} time; false
     * where the service is neither (or this is no service).
     */
    synchronized boolean extend(Duration more) {
        boolean starting = !runningReported && !stopping;
        if (!service || !starting && !(stopping && stopAsked)) {
            return false;
        }
        report(pendingState, 0, (int) Math.min(Integer.MAX_VALUE, more.toMillis()), 0);
        return true;
    }

    /** An error event in the Windows event log (Application), from the service's name. */
    private void logEvent(String message) {
        HANDLE log = ServiceCalls.ADVAPI32.RegisterEventSourceW(null, name);
        if (log != null) {
            ServiceCalls.ADVAPI32.ReportEventW(log, (short) ServiceCalls.EVENTLOG_ERROR_TYPE, (short) 0, 0, null,
                    (short) 1, 0, new String[] {message}, null);
            ServiceCalls.ADVAPI32.DeregisterEventSource(log);
        }
    }

    /** Blocks this thread for the service's life, calling back {@link #serviceMain} and {@link #control}. */
    private void dispatch() {
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) new Winsvc.SERVICE_TABLE_ENTRY().toArray(2);
        // an own-process service's name is not looked at, but may not be null
        table[0].lpServiceName = "";
        table[0].lpServiceProc = serviceMain;
        if (!ServiceCalls.ADVAPI32.StartServiceCtrlDispatcherW(table)) {
            failure = "its dispatcher failed: " + WindowsHandles.describe(Win32.lastError());
            registered.countDown();
        }
    }

    /** Windows' ServiceMain: registers the control handler and reports starting, then returns, as Windows advises. */
    private void serviceMain(int argc, Pointer argv) {
        name = argc > 0 ? argv.getPointer(0).getWideString(0) : "";
        statusHandle = ServiceCalls.ADVAPI32.RegisterServiceCtrlHandlerExW(name, controlHandler, null);
        if (statusHandle == null) {
            failure = "its control handler could not be registered: " + WindowsHandles.describe(Win32.lastError());
        } else {
            report(Winsvc.SERVICE_START_PENDING, 0, WAIT_HINT_MILLIS, 0);
        }
        registered.countDown();
    }

    /** Windows' HandlerEx, on the dispatcher's thread, which must not be kept waiting. */
    private int control(int control, int eventType, Pointer eventData, Pointer context) {
        switch (control) {
            case Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_SHUTDOWN, Winsvc.SERVICE_CONTROL_PRESHUTDOWN -> {
                stop();
                return 0;
            }
            case Winsvc.SERVICE_CONTROL_INTERROGATE -> {
                return 0;
            }
            case REOPEN_LOGS -> {
                try {
                    SettledDaemon.reopenLogs();
                } catch (RuntimeException e) {
                    System.err.println("daemoniker: " + e.getMessage());
                }
                return 0;
            }
            default -> {
                return ServiceCalls.ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
    }

    private synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        stopAsked = true;
        pendingState = Winsvc.SERVICE_STOP_PENDING;
        report(Winsvc.SERVICE_STOP_PENDING, 0, WAIT_HINT_MILLIS, 0);
        Thread delivery = new Thread(() -> raise.accept(Signal.SIGTERM), "daemoniker-service-stop");
        delivery.setDaemon(true);
        delivery.start();
    }

    /** {@code error}: 0, or ERROR_SERVICE_SPECIFIC_ERROR with the specific code 1. */
    private void report(int state, int accepted, int waitHint, int error) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        status.dwServiceType = ServiceCalls.SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        status.dwControlsAccepted = accepted;
        status.dwWin32ExitCode = error;
        status.dwServiceSpecificExitCode = error == 0 ? 0 : 1;
        status.dwWaitHint = waitHint;
        status.dwCheckPoint = waitHint == 0 ? 0 : ++checkPoint;
        if (!ServiceCalls.ADVAPI32.SetServiceStatus(statusHandle, status)) {
            LOG.log(System.Logger.Level.WARNING, "the service's state could not be reported as " + state + ": "
                    + WindowsHandles.describe(Win32.lastError()));
        }
    }
}
