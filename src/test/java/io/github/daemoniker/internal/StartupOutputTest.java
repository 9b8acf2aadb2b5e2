package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupOutputTest {
    private static final String MARK = "\ndaemoniker-end-of-startup-output 0123\n";

    private static String drained(String output) {
        return new StartupOutput(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)),
                MARK.getBytes(StandardCharsets.US_ASCII)).drained();
    }

    @Test
    void whatCameBeforeTheMarkIsKeptAndNothingAfterIt() {
        assertEquals("starting\nlast words", drained("starting\nlast words" + MARK + "said after ready"));
    }

    /** The mark across two reads of the pipe (8 KiB each) is still found. */
    @Test
    void aMarkAcrossTwoReadsIsFound() {
        String before = "y".repeat(8192 - 10);
        assertEquals(before, drained(before + MARK + "after"));
    }

    /** Only the last 64 KiB before the mark are kept, however much came. */
    @Test
    void onlyTheLast64KiBAreKept() {
        String flood = "x".repeat(300 * 1024) + "the end";
        String text = drained(flood + MARK + "after");
        assertEquals(64 * 1024, text.length());
        assertTrue(text.endsWith("the end"), text.substring(text.length() - 20));
    }
}
