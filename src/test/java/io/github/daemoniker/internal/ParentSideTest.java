package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParentSideTest {

    /** The one-line summary carries what happened, not the tail of a stack trace. */
    @Test
    void theSummaryCarriesTheLineThatSaysWhatHappened() {
        String trace = String.join("\n", "starting up", "Exception in thread \"main\" java.lang.IllegalStateException: no"
                + " config", "\tat app.Main.main(Main.java:12)", "Caused by: java.io.FileNotFoundException: app.conf",
                "\t... 12 more", "");
        assertEquals("; it said: Exception in thread \"main\" java.lang.IllegalStateException: no config",
                ParentSide.whatHappened(trace));
        assertEquals("; it said: Error: Could not find or load main class app.Main",
                ParentSide.whatHappened("Error: Could not find or load main class app.Main\nCaused by: x\n"));
        assertEquals("; it said: java.lang.OutOfMemoryError: Java heap space",
                ParentSide.whatHappened("java.lang.OutOfMemoryError: Java heap space\n\tat x\n"));
        assertEquals("; its last output: the fixture gives up", ParentSide.whatHappened("hello\nthe fixture gives up\n\n"));
        assertEquals("", ParentSide.whatHappened(""));
    }
}
