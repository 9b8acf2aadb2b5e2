package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.WindowsService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service definition in the Service Control Manager's terms, and as the sc.exe commands that make it. */
class ServiceDefinitionTest {
    @TempDir
    Path dir;

    private Path program(String name) throws IOException {
        return Files.createFile(dir.resolve(name));
    }

    @Test
    void theDefaultsAreAnAutomaticServiceOfItsOwnAccountRestartedAfterAFailure() throws IOException {
        Path java = program("java.exe");
        ServiceDefinition definition = new ServiceDefinition(WindowsService.of("heartbeat",
                List.of(java.toString(), "-cp", "C:\\my app\\hb.jar", "Heartbeat")), "");

        assertEquals(WindowsCommandLine.join(List.of(java.toString(), "-cp", "C:\\my app\\hb.jar", "Heartbeat")),
                definition.binaryPath());
        assertEquals(ServiceCalls.SERVICE_AUTO_START, definition.startType());
        assertEquals("NT SERVICE\\heartbeat", definition.account());
        assertEquals(10_000, definition.restartMillis());
        assertEquals("", definition.dependencies());
        assertEquals("sc.exe create heartbeat binPath= \"" + java + " -cp \\\"C:\\my app\\hb.jar\\\" Heartbeat\" start="
                + " auto obj= \"NT SERVICE\\heartbeat\" DisplayName= heartbeat\n"
                + "sc.exe description heartbeat \"heartbeat (installed by Daemoniker)\"\n"
                + "sc.exe failure heartbeat reset= 86400 actions= restart/10000/restart/10000/restart/10000\n",
                definition.scCommands());
    }

    @Test
    void everyChoiceIsSaidInItsOwnTerms() throws IOException {
        Path java = program("java.exe");
        WindowsService service = WindowsService.of("hb", List.of(java.toString())).displayName("Heart beat")
                .description("Beats.").startType(WindowsService.StartType.DELAYED_AUTOMATIC)
                .account(WindowsService.Account.NETWORK_SERVICE).restartOnFailure(null)
                .dependsOn(List.of("Tcpip", "Dnscache"));
        ServiceDefinition definition = new ServiceDefinition(service, "");

        assertEquals(ServiceCalls.SERVICE_AUTO_START, definition.startType(), "delayed is automatic, and a flag");
        assertEquals("NT AUTHORITY\\NetworkService", definition.account());
        assertEquals(-1, definition.restartMillis());
        assertEquals("Tcpip\0Dnscache", definition.dependencies());
        assertEquals("sc.exe create hb binPath= " + java + " start= delayed-auto obj= \"NT AUTHORITY\\NetworkService\""
                + " DisplayName= \"Heart beat\" depend= Tcpip/Dnscache\n"
                + "sc.exe description hb \"Beats. (installed by Daemoniker)\"\n"
                + "sc.exe failure hb reset= 0 actions= \"\"\n", definition.scCommands());
        assertEquals("LocalSystem", new ServiceDefinition(service.account(WindowsService.Account.LOCAL_SYSTEM), "")
                .account());
        assertEquals("NT AUTHORITY\\LocalService", new ServiceDefinition(service.account(
                WindowsService.Account.LOCAL_SERVICE), "").account());
        assertEquals(ServiceCalls.SERVICE_DEMAND_START, new ServiceDefinition(service.startType(
                WindowsService.StartType.MANUAL), "").startType());
    }

    @Test
    void theProgramIsFoundNowByItsFullPathAsTheServiceControlManagerSearchesNoPath() throws IOException {
        Path java = program("java.exe");
        assertEquals(java, ServiceDefinition.locate("java", "C:\\nowhere;" + dir), "on PATH, with .exe");
        assertEquals(java, ServiceDefinition.locate(dir.resolve("java").toString(), ""), "a path without its .exe");
        assertEquals("the service's program javaw was not found on PATH: give its full path",
                assertThrows(DaemonikerException.class, () -> ServiceDefinition.locate("javaw", dir.toString()))
                        .getMessage());
        assertEquals("the service's program " + dir.resolve("gone.exe") + " does not exist",
                assertThrows(DaemonikerException.class,
                        () -> ServiceDefinition.locate(dir.resolve("gone.exe").toString(), "")).getMessage());
    }

    @Test
    void namesAndTextsTheServiceControlManagerWouldNotTakeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WindowsService.of("a\\b", List.of("java")));
        assertThrows(IllegalArgumentException.class, () -> WindowsService.of("a b", List.of("java")));
        assertThrows(IllegalArgumentException.class, () -> WindowsService.of("ok", List.of()));
        assertThrows(IllegalArgumentException.class, () -> WindowsService.of("ok", List.of("java", "a\nb")));
        WindowsService ok = WindowsService.of("ok", List.of("java"));
        assertThrows(IllegalArgumentException.class, () -> ok.description("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> ok.displayName(""));
        assertThrows(IllegalArgumentException.class, () -> ok.restartOnFailure(Duration.ofSeconds(-1)));
    }
}
