package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonikerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonSwitchTest {

    @Test
    void roundTripsThroughTheEnvironment() {
        DaemonSwitch original = new DaemonSwitch(DaemonSwitch.newToken(Path.of("/dev/urandom")), new DaemonSwitch.Channels(3, 4));
        Optional<DaemonSwitch> read = DaemonSwitch.fromEnvironment(Map.of(DaemonSwitch.VARIABLE, original.value()));
        assertEquals(Optional.of(original), read);
    }

    @Test
    void noVariableMeansSetup() {
        assertEquals(Optional.empty(), DaemonSwitch.fromEnvironment(Map.of("PATH", "/bin")));
    }

    @Test
    void tokensAreRandom128BitHexFromTheKernelOrSecureRandom() {
        for (Path source : new Path[] {Path.of("/dev/urandom"), null, Path.of("no-such-device")}) {
            String a = DaemonSwitch.newToken(source);
            assertTrue(a.matches("[0-9a-f]{32}"), a);
            assertNotEquals(a, DaemonSwitch.newToken(source));
        }
    }

    @Test
    void aValueDaemonikerDidNotWriteIsRefusedWithWhatToDo() {
        for (String forged : new String[] {"1", "yes", "1:short:3,4", "2:0123456789abcdef0123456789abcdef:3,4",
                "1:0123456789ABCDEF0123456789ABCDEF:3,4", ""}) {
            DaemonikerException e = assertThrows(DaemonikerException.class,
                    () -> DaemonSwitch.fromEnvironment(Map.of(DaemonSwitch.VARIABLE, forged)), forged);
            assertEquals("the environment variable DAEMONIKER_SWITCH is set to '" + forged
                    + "', which Daemoniker did not write: unset it to run this program normally", e.getMessage());
        }
    }

    @Test
    void channelSpecsAreTwoNumbersAndAnythingElseIsStray() {
        assertEquals(new DaemonSwitch.Channels(3, 4), DaemonSwitch.Channels.parse("3,4"));
        assertEquals(new DaemonSwitch.Channels(1244, 4294967296L), DaemonSwitch.Channels.parse("1244,4294967296"));
        assertEquals("3,4", new DaemonSwitch.Channels(3, 4).toString());
        for (String spec : new String[] {"", "3", "3,4,5", "3,4,5,6", "3,4,", "-3,4", "3,x", "3, 4", "1234567890123456789,4"}) {
            DaemonikerException e = assertThrows(DaemonikerException.class, () -> DaemonSwitch.Channels.parse(spec));
            assertEquals("the environment variable DAEMONIKER_SWITCH is set, but this process was not relaunched by"
                    + " Daemoniker (its channels '" + spec + "' are not Daemoniker's): unset it to run this program"
                    + " normally", e.getMessage());
        }
    }

    @Test
    void aForgedSwitchWithBadChannelsIsRefusedAtOnce() {
        DaemonikerException e = assertThrows(DaemonikerException.class, () -> DaemonSwitch.fromEnvironment(
                Map.of(DaemonSwitch.VARIABLE, "1:0123456789abcdef0123456789abcdef:3")));
        assertTrue(e.getMessage().contains("its channels '3' are not Daemoniker's"), e.getMessage());
    }

    @Test
    void theEnvironmentCarriesOneSwitchAndKeepsEverythingElseInOrder() {
        DaemonSwitch daemonSwitch = new DaemonSwitch(DaemonSwitch.newToken(Path.of("/dev/urandom")), new DaemonSwitch.Channels(3, 4));
        List<String> entries = List.of("A=1", "DAEMONIKER_SWITCH=forged", "daemoniker_switch=kept", "B=2");
        assertEquals(List.of("A=1", "daemoniker_switch=kept", "B=2", "DAEMONIKER_SWITCH=" + daemonSwitch.value()),
                DaemonSwitch.environment(entries, daemonSwitch, false), "Unix names have case");
        assertEquals(List.of("A=1", "B=2"), DaemonSwitch.environment(entries, null, true), "Windows names have none");
    }

    @Test
    void theDaemonsOwnVariablesAreSetOrRemovedBeforeTheSwitch() {
        Map<String, String> changes = new java.util.LinkedHashMap<>();
        changes.put("JAVA_TOOL_OPTIONS", null);
        changes.put("MODE", "daemon");
        List<String> entries = List.of("A=1", "JAVA_TOOL_OPTIONS=-agentlib:x", "MODE=launcher", "mode=kept");
        DaemonSwitch daemonSwitch = new DaemonSwitch(DaemonSwitch.newToken(Path.of("/dev/urandom")), new DaemonSwitch.Channels(3, 4));
        assertEquals(List.of("A=1", "mode=kept", "MODE=daemon", "DAEMONIKER_SWITCH=" + daemonSwitch.value()),
                DaemonSwitch.environment(entries, changes, daemonSwitch, false), "Unix names have case");
        assertEquals(List.of("A=1", "MODE=daemon"), DaemonSwitch.environment(entries, changes, null, true),
                "Windows names have none: mode=kept is MODE's");
    }
}
