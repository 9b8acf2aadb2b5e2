package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PidFilesTest {

    @Test
    void theFormatIsThePidAndANewline() {
        assertEquals("4242\n", PidFiles.format(4242));
    }

    @Test
    void readsThePidOnTheFirstLine() {
        assertEquals(OptionalLong.of(123), PidFiles.parse("123\n"));
        assertEquals(OptionalLong.of(123), PidFiles.parse("123"));
        assertEquals(OptionalLong.of(123), PidFiles.parse("  123 \r\n"));
        assertEquals(OptionalLong.of(123), PidFiles.parse("123\nsleeper 456\n"));
    }

    @Test
    void garbageIsNoPid() {
        for (String garbage : new String[] {"", "\n", "abc\n", "0\n", "-5\n", "12a\n", "1 2\n", "0123\n",
                "99999999999999999999\n", "\n123\n"}) {
            assertEquals(OptionalLong.empty(), PidFiles.parse(garbage), garbage);
        }
    }
}
