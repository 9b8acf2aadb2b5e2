package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.daemoniker.Signal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowsSignalCodesTest {

    @Test
    void theThreeWindowsSignalsHaveTheCRuntimeNumbers() {
        assertEquals(2, WindowsSignalCodes.number("SIGINT"));
        assertEquals(15, WindowsSignalCodes.number("SIGTERM"));
        assertEquals(22, WindowsSignalCodes.number("SIGABRT"));
        for (String unix : new String[] {"SIGHUP", "SIGQUIT", "SIGKILL", "SIGUSR1", "SIGUSR2"}) {
            assertEquals(0, WindowsSignalCodes.number(unix), unix);
        }
    }

    @Test
    void aSleeperExitCodeCarriesASignalOnlyIfItIsOne() {
        assertEquals(Optional.of(Signal.SIGINT), WindowsSignalCodes.ofExitCode(2));
        assertEquals(Optional.of(Signal.SIGTERM), WindowsSignalCodes.ofExitCode(15));
        assertEquals(Optional.of(Signal.SIGABRT), WindowsSignalCodes.ofExitCode(22));
        assertEquals(Optional.of(Signal.SIGINT), WindowsSignalCodes.ofExitCode(0xC000013A), "Ctrl+C");
        // a clean exit (0), Task Manager and taskkill /F (1), an access violation, Linux's SIGABRT (6) and
        // SIGKILL (9) numbers, a shell's 128 + SIGKILL (137), and codes near but not of a sender's tag
        for (int other : new int[] {0, 1, 0xC0000005, 6, 9, 137, -1, 0x5D000001, 0x5E00000F}) {
            assertEquals(Optional.empty(), WindowsSignalCodes.ofExitCode(other), Integer.toHexString(other));
        }
    }

    @Test
    void eachSendersCodeIsItsOwnAndCarriesItsSignal() {
        int one = WindowsSignalCodes.senderCode(15, 1);
        int other = WindowsSignalCodes.senderCode(15, 2);
        assertNotEquals(one, other, "two senders of one signal tell their endings apart");
        assertEquals(Optional.of(Signal.SIGTERM), WindowsSignalCodes.ofExitCode(one));
        assertEquals(Optional.of(Signal.SIGABRT), WindowsSignalCodes.ofExitCode(WindowsSignalCodes.senderCode(22, -1)));
        assertEquals(Optional.of(Signal.SIGINT), WindowsSignalCodes.ofExitCode(WindowsSignalCodes.senderCode(2, 0xFFFF)));
    }

    @Test
    void ctrlCAndCtrlBreakAreSigintAndTheOtherConsoleEventsAreNot() {
        assertEquals(Optional.of(Signal.SIGINT), WindowsSignalCodes.ofConsoleEvent(0));
        assertEquals(Optional.of(Signal.SIGINT), WindowsSignalCodes.ofConsoleEvent(1));
        for (int event : new int[] {2, 5, 6}) {
            assertEquals(Optional.empty(), WindowsSignalCodes.ofConsoleEvent(event), "event " + event);
        }
    }

    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    @Test
    void thePublicNumbersAreTheseOnWindows() {
        for (Signal signal : Signal.values()) {
            assertEquals(WindowsSignalCodes.number(signal.name()), signal.number(), signal.name());
        }
    }
}
