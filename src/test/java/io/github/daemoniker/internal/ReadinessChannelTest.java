package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessChannelTest {

    private static ReadinessChannel.Outcome await(String said) {
        return ReadinessChannel.await(new ByteArrayInputStream(said.getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(5));
    }

    @Test
    void theDaemonsWordsAreRead() {
        assertEquals(new ReadinessChannel.Outcome(ReadinessChannel.Kind.READY, 42, null), await("PID 42\nREADY 42\n"));
        assertEquals(new ReadinessChannel.Outcome(ReadinessChannel.Kind.FAILED, 42, "no log"), await("PID 42\nFAIL no log\n"));
        assertEquals(ReadinessChannel.Kind.HELD, await("PID 7\nHELD\n").kind());
    }

    /** A pid that is not one is a failure said in a sentence, never a NumberFormatException. */
    @Test
    void aGarbledPidIsAFailureWithTheLineItSaid() {
        for (String garbled : new String[] {"PID x", "READY 99999999999999999999", "PID -3", "READY 0", "PID "}) {
            ReadinessChannel.Outcome outcome = await(garbled + "\n");
            assertEquals(ReadinessChannel.Kind.FAILED, outcome.kind(), garbled);
            assertEquals("its readiness channel said '" + garbled + "', which names no pid: the channel is not"
                    + " Daemoniker's", outcome.reason());
        }
    }
}
