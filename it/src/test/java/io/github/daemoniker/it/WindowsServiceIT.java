package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.platform.win32.Winsvc;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.Signal;
import io.github.daemoniker.WindowsService;
import io.github.daemoniker.it.fixtures.SignalDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A Java program as a real service of the Service Control Manager, installed, started, queried,
 * stopped and removed with Windows' own sc.exe (under Wine, whose Service Control Manager is
 * Windows' in all that is used here but delayed starts and recovery, which it does not run).
 * Every service a test made is removed after it, and every process it saw is ended.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows service needs the Service Control Manager (the Windows"
        + " suite runs these under Wine, appveyor.yml on Windows)")
class WindowsServiceIT extends DaemonTestSupport {
    private static final Duration SERVICE_DEADLINE = Duration.ofSeconds(60);
    private static final Pattern STATE = Pattern.compile("STATE\\s*:\\s*[0-9]+\\s+([A-Z_]+)");
    private static int serial;

    private final List<String> services = new ArrayList<>();

    /** Every service the test made is stopped and deleted, then every daemon it saw ended: none may have been left. */
    @Override
    void leaveNothing() {
        for (String service : services) {
            if (!state(service).equals("absent")) {
                sc("stop", service);
                await("the service " + service + " to settle after sc stop").atMost(SERVICE_DEADLINE)
                        .until(() -> !state(service).endsWith("PENDING"));
                sc("delete", service);
            }
        }
        Fixture.requireNoneLeft(seen);
    }

    /** A service name of this test's own, removed after it whatever happens. */
    private String serviceName() {
        String name = "dmk-" + ProcessHandle.current().pid() + "-" + ++serial;
        services.add(name);
        return name;
    }

    private Fixture.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of("sc.exe"));
        command.addAll(List.of(args));
        return fx.run(command);
    }

    /** What {@code sc control NAME CODE} does (Wine's sc.exe has no "control"): ControlService. */
    private static void control(String service, int code) {
        Winsvc.SC_HANDLE manager = Advapi32.INSTANCE.OpenSCManager(null, null, Winsvc.SC_MANAGER_CONNECT);
        Winsvc.SC_HANDLE handle = Advapi32.INSTANCE.OpenService(manager, service, Winsvc.SERVICE_USER_DEFINED_CONTROL);
        try {
            assertTrue(handle != null && Advapi32.INSTANCE.ControlService(handle, code, new Winsvc.SERVICE_STATUS()),
                    "control " + code + " of " + service + ": Win32 error " + com.sun.jna.Native.getLastError());
        } finally {
            if (handle != null) {
                Advapi32.INSTANCE.CloseServiceHandle(handle);
            }
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    /** The state sc.exe query gives (RUNNING, STOPPED, ...), or "absent". */
    private String state(String service) {
        Fixture.Result query = sc("query", service);
        Matcher state = STATE.matcher(query.stdout());
        return state.find() ? state.group(1) : "absent";
    }

    /** The signal daemon fixture as a service's command: it awaits its signals and says when its hook runs. */
    private List<String> daemonCommand(String... settings) {
        List<String> command = Fixture.command(SignalDaemon.class, "dir=" + dir, "await=yes", "hook=yes",
                "log=" + fx.path("service.log"));
        command.addAll(List.of(settings));
        return command;
    }

    /** Until the service's program says its handler is live; if it never does, what there is to see, said. */
    private void awaitStarted(String name) throws IOException {
        try {
            await().atMost(SERVICE_DEADLINE).until(() -> fx.events().contains("started"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Path log = fx.path("service.log");
            throw new AssertionError("the service " + name + " never said it started; its events " + fx.events() + ", "
                    + sc("query", name) + ", its log: " + (Files.exists(log) ? Files.readString(log) : "none"), e);
        }
    }

    private long startedService(String name) throws IOException {
        Fixture.Result start = sc("start", name);
        assertEquals(0, start.exit(), start.toString());
        awaitStarted(name);
        await().atMost(SERVICE_DEADLINE).until(() -> state(name).equals("RUNNING"));
        long pid = Long.parseLong(Files.readString(fx.path("daemon.pid")).strip());
        seen.add(pid);
        return pid;
    }

    @Test
    void aJavaProgramIsAServiceThatAStopReachesThroughItsSignalHandlerAndThatLeavesNothingWhenRemoved()
            throws IOException {
        String name = serviceName();
        WindowsService service = WindowsService.of(name, daemonCommand()).startType(WindowsService.StartType.MANUAL)
                .description("a Daemoniker test service");
        String commands = service.text();
        assertTrue(commands.startsWith("sc.exe create " + name + " binPath= "), commands);
        assertTrue(commands.contains(" start= demand obj= \"NT SERVICE\\" + name + "\""), commands);
        assertTrue(commands.contains("sc.exe failure " + name + " reset= 86400 actions= restart/10000/restart/10000/"
                + "restart/10000"), commands);

        assertEquals("installed the service " + name + ": start it with sc.exe start " + name, service.install());
        assertEquals("STOPPED", state(name));
        assertTrue(service.install().startsWith("updated the service " + name + " (Daemoniker made it)"),
                "installing again updates it");

        long pid = startedService(name);
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        assertEquals("services.exe", daemon.parent().flatMap(parent -> parent.info().command())
                .map(command -> Path.of(command).getFileName().toString().toLowerCase(Locale.ROOT)).orElse("?"),
                "the JVM is the service, no wrapper: " + daemon.info());
        await().atMost(SERVICE_DEADLINE).until(() -> Files.readString(fx.path("service.log")).contains("up, pid " + pid));
        DaemonikerException running = assertThrows(DaemonikerException.class, () -> WindowsService.uninstall(name));
        assertEquals("the service " + name + " is running: stop it first (sc.exe stop " + name + "), then uninstall"
                + " it", running.getMessage());

        Files.move(fx.path("service.log"), fx.path("service.log.1"));    // a rotation by hand, then control 128
        control(name, 128);
        await("the log opened again").atMost(SERVICE_DEADLINE).until(() -> Files.exists(fx.path("service.log")));

        Fixture.Result stop = sc("stop", name);
        assertEquals(0, stop.exit(), stop.toString());
        await().atMost(SERVICE_DEADLINE).until(() -> state(name).equals("STOPPED"));
        await().atMost(SERVICE_DEADLINE).until(() -> !daemon.isAlive());
        List<String> events = fx.events();
        assertTrue(events.contains("awaited Sigterm 15"), "the stop reached the SignalHandler as SIGTERM: " + events);
        assertTrue(events.contains("hook ran"), "the JVM ended in order: " + events);
        assertFalse(Files.exists(fx.path("daemon.pid")), "the pid file went with it");

        assertEquals("removed the service " + name, WindowsService.uninstall(name));
        assertEquals("absent", state(name));
        assertEquals("not installed: there is no service " + name, WindowsService.uninstall(name));
    }

    /**
     * The Service Control Manager has no watchdog: a service whose health check hangs (two workers
     * deadlocked) says why in its log, with a thread dump naming the deadlock, and ends as a
     * failure, not a stop, for its recovery actions (set, and read back here) to restart it. Wine's
     * Service Control Manager neither keeps recovery actions nor notices that a service's process
     * ended: under Wine this sees the end, the log and that no stop was reported; the rest is Windows'.
     */
    @Test
    void aServiceWhoseHealthCheckHangsEndsAsAFailureForItsRecoveryActions() throws IOException {
        String name = serviceName();
        WindowsService.of(name, daemonCommand("watchdog=500", "hang=" + fx.path("hang")))
                .startType(WindowsService.StartType.MANUAL).install();
        Optional<Winsvc.SERVICE_FAILURE_ACTIONS> recovery = recoveryActions(name);
        if (recovery.isPresent()) {
            assertEquals(3, recovery.get().cActions, "restarted after a failure");
            assertEquals(Winsvc.SC_ACTION_RESTART, recovery.get().lpsaActions.type);
        } else {
            System.out.println("the recovery actions of " + name + " cannot be read back: this Service Control Manager"
                    + " (Wine's) neither keeps nor gives them");
        }
        long pid = startedService(name);
        assertTrue(fx.events().contains("watched true"), "Daemoniker.watchdog: a service is watched " + fx.events());

        Files.writeString(fx.path("hang"), "hang\n");
        assertEndedAsAFailure(name, pid);
        String log = Files.readString(fx.path("service.log"));
        assertTrue(log.contains("daemoniker: watchdog: the health check did not return within its time limit of 0.5 s;"),
                log);
        assertTrue(log.contains("Found one Java-level deadlock:"), log);
        assertTrue(log.contains("daemoniker: the service ends as a failure, for its recovery actions to restart it:"
                + " watchdog: the health check did not return within its time limit of 0.5 s" + System.lineSeparator()), log);
        assertTrue(fx.events().contains("hook ran"), "the JVM ended in order: " + fx.events());
    }

    /**
     * The restart contract on Windows: a service that asks to be started again
     * (Daemoniker.exitToRestart) ends in order with status 75 and reports no stop, which Windows
     * answers with its recovery actions (Wine's Service Control Manager does not run them).
     */
    @Test
    void aServiceThatAsksToBeStartedAgainEndsForItsRecoveryActions() throws IOException {
        String name = serviceName();
        WindowsService.of(name, daemonCommand("restart-on=" + fx.path("again")))
                .startType(WindowsService.StartType.MANUAL).install();
        long pid = startedService(name);
        Files.writeString(fx.path("again"), "again\n");
        assertEndedAsAFailure(name, pid);
        assertTrue(Files.readString(fx.path("service.log")).contains("daemoniker: exiting with status 75, for the"
                + " supervisor to start this daemon again" + System.lineSeparator()), Files.readString(fx.path("service.log")));
        assertTrue(fx.events().contains("hook ran"), "the JVM ended in order: " + fx.events());
        assertFalse(Files.exists(fx.path("restart")), "exitToRestart did not return: a service is restarted");
    }

    /**
     * A start that needs longer says so (Daemoniker.extendTimeout): the Service Control Manager sees
     * it still starting, with the new wait hint and a checkpoint that moved on; then it runs.
     */
    @Test
    void aServiceStartThatNeedsLongerTellsTheServiceControlManager() throws IOException {
        String name = serviceName();
        WindowsService.of(name, daemonCommand("extend=20000")).startType(WindowsService.StartType.MANUAL).install();
        Fixture.Result start = sc("start", name);
        assertEquals(0, start.exit(), start.toString());
        await().atMost(SERVICE_DEADLINE).until(() -> fx.events().contains("extended true"));
        Fixture.Result query = sc("query", name);
        assertTrue(query.stdout().matches("(?s).*START_PENDING.*CHECKPOINT\\s*:\\s*0x2\\s.*WAIT_HINT\\s*:\\s*0x4e20\\s.*"),
                "still starting, 20 s more: " + query);
        Files.writeString(fx.path("go"), "go\n");
        await().atMost(SERVICE_DEADLINE).until(() -> state(name).equals("RUNNING"));
        seen.add(Long.parseLong(Files.readString(fx.path("daemon.pid")).strip()));
    }

    /**
     * The service's process {@code pid} ends without reporting a stop: Windows then says STOPPED,
     * 1067 (ERROR_PROCESS_ABORTED), and runs the recovery actions; Wine's goes on saying RUNNING.
     */
    private void assertEndedAsAFailure(String name, long pid) {
        await("the service's process to end").atMost(SERVICE_DEADLINE)
                .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        Fixture.Result query = sc("query", name);
        assertFalse(query.stdout().matches("(?s).*STOPPED.*WIN32_EXIT_CODE\\s*:\\s*0\\s.*"),
                "no stop was reported, which would be taken for a clean one: " + query);
    }

    /** The service's recovery actions as the Service Control Manager gives them; empty where it gives none (Wine's). */
    private static Optional<Winsvc.SERVICE_FAILURE_ACTIONS> recoveryActions(String service) {
        Winsvc.SC_HANDLE manager = Advapi32.INSTANCE.OpenSCManager(null, null, Winsvc.SC_MANAGER_CONNECT);
        Winsvc.SC_HANDLE handle = Advapi32.INSTANCE.OpenService(manager, service, Winsvc.SERVICE_QUERY_CONFIG);
        try {
            IntByReference needed = new IntByReference();
            Advapi32.INSTANCE.QueryServiceConfig2(handle, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, null, 0, needed);
            if (needed.getValue() == 0) {
                return Optional.empty();
            }
            Memory buffer = new Memory(needed.getValue());
            assertTrue(Advapi32.INSTANCE.QueryServiceConfig2(handle, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, buffer,
                    needed.getValue(), needed), "Win32 error " + com.sun.jna.Native.getLastError());
            return Optional.of(com.sun.jna.Structure.newInstance(Winsvc.SERVICE_FAILURE_ACTIONS.class, buffer));
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(handle);
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    @Test
    void daemonikerStopEndsAServiceAsAStopNotAsAFailure() throws IOException {
        String name = serviceName();
        WindowsService.of(name, daemonCommand()).startType(WindowsService.StartType.MANUAL).install();
        long pid = startedService(name);

        Daemoniker.send(fx.path("daemon.pid"), Signal.SIGTERM);
        await().atMost(SERVICE_DEADLINE).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        await().atMost(SERVICE_DEADLINE).until(() -> state(name).equals("STOPPED"));
        Fixture.Result query = sc("query", name);
        assertTrue(query.stdout().matches("(?s).*WIN32_EXIT_CODE\\s*:\\s*0\\s.*"), "stopped, not failed: " + query);
        assertTrue(fx.events().contains("awaited Sigterm 15"), fx.events().toString());
    }

    @Test
    void aServiceDaemonikerDidNotMakeIsNeitherChangedNorRemoved() {
        String name = serviceName();
        Fixture.Result create = sc("create", name, "binPath=", "C:\\windows\\system32\\notepad.exe", "start=", "demand");
        assertEquals(0, create.exit(), create.toString());

        DaemonikerException install = assertThrows(DaemonikerException.class,
                () -> WindowsService.of(name, daemonCommand()).install());
        assertEquals("the service " + name + " was not made by Daemoniker (its description does not end with"
                + " (installed by Daemoniker)): it is left as it is; choose another name, or remove it yourself",
                install.getMessage());
        assertThrows(DaemonikerException.class, () -> WindowsService.uninstall(name));
        assertEquals("STOPPED", state(name), "still there");
    }

    @Test
    void aServiceThatCannotBeWhollyMadeIsNotLeftHalfMade() {
        String name = serviceName();
        WindowsService delayed = WindowsService.of(name, daemonCommand())
                .startType(WindowsService.StartType.DELAYED_AUTOMATIC);
        try {
            assertEquals("installed the service " + name + ": start it with sc.exe start " + name
                    + " (Windows starts it at boot)", delayed.install());
            assertEquals("STOPPED", state(name), "Windows has delayed starts");
        } catch (DaemonikerException e) {
            // Wine's Service Control Manager has none
            assertEquals("the service " + name + " could not be set to start shortly after boot: this system's Service"
                    + " Control Manager has no delayed start; choose another start type", e.getMessage());
            assertEquals("absent", state(name), "the service made before the failure is removed");
        }
    }

    /** The Service Control Manager would end a program that never connects to it (1053): refused before anything is made. */
    @Test
    void aProgramThatCannotBeAServiceIsRefusedBeforeAnythingIsMade() {
        String name = serviceName();
        DaemonikerException refused = assertThrows(DaemonikerException.class,
                () -> WindowsService.of(name, List.of("cmd.exe", "/c", "ping", "-n", "100", "127.0.0.1")).install());
        assertEquals("the service's program cmd.exe is not a Java program with Daemoniker on its class path, so it would"
                + " never connect to the Service Control Manager, which ends it after 30 s (error 1053): make the service"
                + " such a program, or host this one with a service wrapper", refused.getMessage());
        assertEquals("absent", state(name));
    }

    @Test
    void aProgramThatIsNotThereIsRefusedBeforeAnythingIsMade() {
        String name = serviceName();
        DaemonikerException missing = assertThrows(DaemonikerException.class,
                () -> WindowsService.of(name, List.of("no-such-program-here", "x")).install());
        assertEquals("the service's program no-such-program-here was not found on PATH: give its full path",
                missing.getMessage());
        assertEquals("absent", state(name));
    }

    @Test
    void theCommandLineToolPrintsInstallsAndRemovesTheSameServiceWhichNetExeStartsAndStops() throws IOException {
        String name = serviceName();
        List<String> options = new ArrayList<>(List.of("--name", name, "--start", "manual", "--account", "local-service",
                "--restart-delay", "30", "--display-name", "Daemoniker test", "--"));
        options.addAll(daemonCommand());
        Fixture.Result print = fx.cli(concat("service", "print", options));
        assertEquals(0, print.exit(), print.toString());
        assertTrue(print.stdout().contains(" start= demand obj= \"NT AUTHORITY\\LocalService\" DisplayName= \"Daemoniker"
                + " test\""), print.toString());
        assertTrue(print.stdout().contains("actions= restart/30000/restart/30000/restart/30000"), print.toString());
        assertEquals("absent", state(name), "print installs nothing");

        Fixture.Result install = fx.cli(concat("service", "install", options));
        assertEquals(0, install.exit(), install.toString());
        assertEquals("installed the service " + name + ": start it with sc.exe start " + name, install.stdout().strip());
        assertEquals("STOPPED", state(name));
        Fixture.Result systemdOnly = fx.cli(concat("service", "install", List.of("--name", name, "--run-as", "me",
                "java")));
        assertEquals(1, systemdOnly.exit(), systemdOnly.toString());
        assertTrue(systemdOnly.stderr().startsWith("daemoniker: --run-as, --group, --chdir and --type are for systemd units"),
                systemdOnly.toString());

        Fixture.Result netStart = fx.run(List.of("net.exe", "start", name));
        assertEquals(0, netStart.exit(), netStart.toString());
        awaitStarted(name);
        seen.add(Long.parseLong(Files.readString(fx.path("daemon.pid")).strip()));
        Fixture.Result netStop = fx.run(List.of("net.exe", "stop", name));
        assertEquals(0, netStop.exit(), netStop.toString());
        await().atMost(SERVICE_DEADLINE).until(() -> state(name).equals("STOPPED"));
        assertTrue(fx.events().contains("awaited Sigterm 15"), "net stop reached the handler: " + fx.events());

        Fixture.Result uninstall = fx.cli("service", "uninstall", "--name", name);
        assertEquals(0, uninstall.exit(), uninstall.toString());
        assertEquals("removed the service " + name, uninstall.stdout().strip());
        assertEquals("absent", state(name));
    }

    private static String[] concat(String first, String second, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first, second));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    @Test
    void aServiceThatAsksToDetachIsToldWhyItCannot() throws IOException {
        String name = serviceName();
        WindowsService.of(name, daemonCommand("detach=always")).startType(WindowsService.StartType.MANUAL).install();
        Fixture.Result start = sc("start", name);
        await("the refusal, after " + start).atMost(SERVICE_DEADLINE)
                .until(() -> fx.events().stream().anyMatch(event -> event.startsWith("refused")));
        assertEquals(List.of("refused this process is a Windows service, which the Service Control Manager knows by its"
                + " process, so it cannot detach (Detach.ALWAYS): use Detach.AUTO, which stays in the foreground under a"
                + " service manager"), fx.events());
        await("the service stopped with its error").atMost(SERVICE_DEADLINE).until(() -> state(name).equals("STOPPED"));
        String query = sc("query", name).stdout();
        assertTrue(query.matches("(?s).*WIN32_EXIT_CODE\\s*:\\s*1066\\s.*SERVICE_EXIT_CODE\\s*:\\s*1\\s.*"),
                "a service-specific error, not a hang in START_PENDING: " + query);
    }
}
