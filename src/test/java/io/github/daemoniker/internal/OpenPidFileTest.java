package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpenPidFileTest {

    /** Hands out the given reads in turn, the last one forever; counts them. */
    private static final class Reads implements OpenPidFile {
        private final Deque<Content> reads;
        int made;

        Reads(List<Content> reads) {
            this.reads = new ArrayDeque<>(reads);
        }

        @Override
        public Content readOnce() {
            made++;
            return reads.size() > 1 ? reads.poll() : reads.peek();
        }

        @Override
        public boolean tryLock() {
            return false;
        }

        @Override
        public OptionalLong holder() {
            return OptionalLong.empty();
        }

        @Override
        public void writePid(long pid) {
        }

        @Override
        public boolean isAt(Path path) {
            return true;
        }

        @Override
        public int descriptor() {
            return -1;
        }

        @Override
        public void close() {
        }
    }

    private static OpenPidFile.Content content(String head, long size) {
        return new OpenPidFile.Content(head.getBytes(StandardCharsets.US_ASCII), size);
    }

    /** RaceIT met it: a daemon truncated and wrote its pid between a reader's read of the bytes and of the size. */
    @Test
    void aReadTornByAWriterIsMadeAgain() throws Exception {
        Reads file = new Reads(List.of(content("", 6), content("12345\n", 6)));
        OpenPidFile.Content read = file.read();
        assertEquals(6, read.size());
        assertTrue(read.isOurs(), "the pid the daemon wrote");
        assertEquals(2, file.made);
    }

    @Test
    void aReadThatStaysTornIsTakenAsItIsAfterAFewTries() throws Exception {
        Reads file = new Reads(List.of(content("", 6)));
        assertFalse(file.read().isOurs(), "judged as it was read: never taken for ours");
        assertEquals(6, file.made);
    }

    @Test
    void aFileLongerThanWhatIsReadIsConsistent() throws Exception {
        Reads file = new Reads(List.of(content("x".repeat(OpenPidFile.MOST_READ), 1000)));
        file.read();
        assertEquals(1, file.made);
    }
}
