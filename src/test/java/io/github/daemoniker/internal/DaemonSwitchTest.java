package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonikerException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonSwitchTest {

    @Test
    void roundTripsThroughTheEnvironment() {
        DaemonSwitch original = new DaemonSwitch(DaemonSwitch.newToken(), "3,4");
        Optional<DaemonSwitch> read = DaemonSwitch.fromEnvironment(Map.of(DaemonSwitch.VARIABLE, original.value()));
        assertEquals(Optional.of(original), read);
    }

    @Test
    void noVariableMeansSetup() {
        assertEquals(Optional.empty(), DaemonSwitch.fromEnvironment(Map.of("PATH", "/bin")));
    }

    @Test
    void tokensAreRandom128BitHex() {
        String a = DaemonSwitch.newToken();
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, DaemonSwitch.newToken());
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
    void channelSpecsAreTwoOrThreeNumbersAndAnythingElseIsStray() {
        assertArrayEquals(new long[] {3, 4}, DaemonSwitch.channelNumbers("3,4"));
        assertArrayEquals(new long[] {3, 4, 5}, DaemonSwitch.channelNumbers("3,4,5"));
        assertArrayEquals(new long[] {1244, 4294967296L}, DaemonSwitch.channelNumbers("1244,4294967296"));
        for (String spec : new String[] {"", "3", "3,4,5,6", "3,4,", "-3,4", "3,x", "3, 4", "1234567890123456789,4"}) {
            DaemonikerException e = assertThrows(DaemonikerException.class, () -> DaemonSwitch.channelNumbers(spec));
            assertEquals("the environment variable DAEMONIKER_SWITCH is set, but this process was not relaunched by"
                    + " Daemoniker (its channels '" + spec + "' are not Daemoniker's): unset it to run this program"
                    + " normally", e.getMessage());
        }
    }
}
