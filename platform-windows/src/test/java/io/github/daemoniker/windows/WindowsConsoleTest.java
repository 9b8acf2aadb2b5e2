package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Pointer;
import io.github.daemoniker.Signal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console control handler: Ctrl+C and Ctrl+Break become SIGINT and are taken; the other
 * events are passed on to the JVM's handler. On Windows it is called as Windows calls it, through
 * the native stdcall function pointer JNA makes of it; elsewhere, where stdcall does not exist,
 * as Java.
 */
class WindowsConsoleTest {
    private final List<Signal> received = new CopyOnWriteArrayList<>();
    private final Consumer<Signal> sink = received::add;

    @AfterEach
    void removeSink() {
        WindowsConsole.SINKS.remove(sink);
    }

    /** The handler's BOOL as Windows reads it: any non-zero value is TRUE (JNA returns -1 for true). */
    private static int call(int event) {
        if (!com.sun.jna.Platform.isWindows()) {
            return WindowsConsole.HANDLER.invoke(event) ? 1 : 0;
        }
        Pointer handler = CallbackReference.getFunctionPointer(WindowsConsole.HANDLER);
        return Function.getFunction(handler, Function.ALT_CONVENTION).invokeInt(new Object[] {event}) == 0 ? 0 : 1;
    }

    @Test
    void ctrlCAndCtrlBreakAreTakenAsSigint() {
        WindowsConsole.SINKS.add(sink);
        assertEquals(1, call(0), "CTRL_C_EVENT handled");
        assertEquals(1, call(1), "CTRL_BREAK_EVENT handled");
        assertEquals(List.of(Signal.SIGINT, Signal.SIGINT), received);
    }

    @Test
    void closeLogoffAndShutdownArePassedToTheJvm() {
        WindowsConsole.SINKS.add(sink);
        for (int event : new int[] {2, 5, 6}) {
            assertEquals(0, call(event), "event " + event);
        }
        assertEquals(List.of(), received);
    }

    @Test
    void withoutASigintHandlerCtrlCIsLeftToTheJvm() {
        assertEquals(0, call(0));
        assertEquals(List.of(), received);
    }
}
