package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PidFilesTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFormatIsThePidAndANewline() {
        assertEquals("4242\n", PidFiles.format(4242));
    }

    @Test
    void aPidIsDigitsAndAtMostOneNewline() {
        assertEquals(OptionalLong.of(123), PidFiles.parse(bytes("123\n")));
        assertEquals(OptionalLong.of(123), PidFiles.parse(bytes("123")), "as other tools may write it");
        assertEquals(OptionalLong.of(123), PidFiles.parseExact(bytes("123\n")));
        assertEquals(OptionalLong.empty(), PidFiles.parseExact(bytes("123")), "not what this project writes");
    }

    @Test
    void anythingElseIsNoPid() {
        for (String garbage : new String[] {"", "\n", "abc\n", "0\n", "-5\n", "+5\n", "12a\n", "1 2\n", "0123\n",
                "99999999999999999999\n", "9223372036854775808\n", "9999999999999999999\n", "\n123\n", "  123 \r\n", "123\nsleeper 456\n", "123\n\n",
                "\u0661\u0662\u0663\n", "１２３\n"}) {
            assertEquals(OptionalLong.empty(), PidFiles.parse(bytes(garbage)), garbage);
        }
    }

    @Test
    void onlyAnEmptyFileOrExactlyAPidIsOurs() {
        assertTrue(new OpenPidFile.Content(new byte[0], 0).isOurs());
        assertTrue(new OpenPidFile.Content(bytes("42\n"), 3).isOurs());
        assertFalse(new OpenPidFile.Content(bytes("42"), 2).isOurs(), "no newline: not written here");
        assertFalse(new OpenPidFile.Content(bytes("42\n"), 4096).isOurs(), "more than was read");
        assertFalse(new OpenPidFile.Content(bytes("42\nmore\n"), 8).isOurs());
        assertFalse(new OpenPidFile.Content(bytes("hello\n"), 6).isOurs());
    }

    @Test
    void aFileIsShownByItsFirstLineReadably() {
        assertEquals("'hello'", PidFiles.shown(bytes("hello\n")));
        assertEquals("'hello...'", PidFiles.shown(bytes("hello\nworld\n")));
        assertEquals("'a?b'", PidFiles.shown(bytes("a\u0007b")));
        assertEquals("'\u0661\u0662'", PidFiles.shown(bytes("\u0661\u0662\n")));
    }
}
