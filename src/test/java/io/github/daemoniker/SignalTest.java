package io.github.daemoniker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SignalTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the numbers checked are Linux's")
    void numbersAreTheSystems() {
        assertEquals(1, Signal.SIGHUP.number());
        assertEquals(2, Signal.SIGINT.number());
        assertEquals(6, Signal.SIGABRT.number());
        assertEquals(10, Signal.SIGUSR1.number());
        assertEquals(12, Signal.SIGUSR2.number());
        assertEquals(15, Signal.SIGTERM.number());
    }

    @Test
    @EnabledOnOs(value = OS.WINDOWS, disabledReason = "the numbers checked are Windows'")
    void windowsHasTheCRuntimesThreeAndNoOthers() {
        assertEquals(2, Signal.SIGINT.number());
        assertEquals(22, Signal.SIGABRT.number());
        assertEquals(15, Signal.SIGTERM.number());
        for (Signal unix : new Signal[] {Signal.SIGHUP, Signal.SIGQUIT, Signal.SIGKILL, Signal.SIGUSR1, Signal.SIGUSR2}) {
            assertFalse(unix.isAvailable(), unix.name());
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "Windows has neither")
    void quitAndKillCanBeSentButAHandlerForThemIsRefusedSayingWhy() {
        assertEquals(Signal.SIGQUIT, Signal.of(3));
        assertEquals(Signal.SIGKILL, Signal.of("kill"));
        SignalHandler handler = new SignalHandler(Path.of("app.pid"));
        SignalError kill = assertThrows(SignalError.class, () -> handler.on(Signal.SIGKILL, signal -> { }));
        assertTrue(kill.getMessage().startsWith("SIGKILL cannot be caught by any process: handle one of SIGHUP (1),"),
                kill.getMessage());
        SignalError quit = assertThrows(SignalError.class, () -> handler.on(Signal.SIGQUIT, SignalHandler.IGNORE));
        assertTrue(quit.getMessage().startsWith("SIGQUIT is the JVM's own (it prints a thread dump): handle one of"),
                quit.getMessage());
        assertFalse(quit.getMessage().contains("SIGQUIT ("), quit.getMessage());
    }

    @Test
    void everyAvailableSignalRoundTripsThroughItsNumberAndName() {
        for (Signal signal : Signal.values()) {
            if (signal.isAvailable()) {
                assertEquals(signal, Signal.of(signal.number()));
                assertEquals(signal, Signal.of(signal.name()));
                assertEquals(signal, Signal.of(signal.name().substring(3).toLowerCase()));
            }
        }
        assertEquals(Signal.SIGTERM, Signal.of(" Term "));
    }

    @Test
    void unknownSignalsAreNamedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.of(99));
        assertTrue(e.getMessage().startsWith("signal 99 is not one Daemoniker handles: use one of "), e.getMessage());
        assertTrue(e.getMessage().contains("SIGTERM (15)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Signal.of("SIGSTOP"));
    }

    @Test
    void receivedSignalsAreTypedAndCarryTheirNumber() {
        for (Signal signal : Signal.values()) {
            if (!signal.isHandleable()) {
                assertThrows(IllegalArgumentException.class, () -> ReceivedSignal.of(signal));
                continue;
            }
            ReceivedSignal received = ReceivedSignal.of(signal);
            assertEquals(signal, received.signal());
            assertEquals(signal.number(), received.number());
            assertEquals(signal.name() + " received", received.getMessage());
        }
        assertTrue(ReceivedSignal.of(Signal.SIGTERM) instanceof ReceivedSignal.Sigterm);
        assertTrue(ReceivedSignal.of(Signal.SIGINT) instanceof ReceivedSignal.Sigint);
        assertTrue(ReceivedSignal.of(Signal.SIGABRT) instanceof ReceivedSignal.Sigabrt);
    }

    @Test
    @EnabledOnOs(value = OS.WINDOWS, disabledReason = "Unix has every one of these signals")
    void aSignalTheSystemLacksIsRefusedNamingOnlyThoseItHas() {
        SignalError e = assertThrows(SignalError.class,
                () -> new SignalHandler(Path.of("app.pid")).on(Signal.SIGHUP, signal -> { }));
        assertEquals("SIGHUP does not exist on " + System.getProperty("os.name") + ": handle one of SIGINT (2),"
                + " SIGABRT (22), SIGTERM (15) instead", e.getMessage());
    }
}
