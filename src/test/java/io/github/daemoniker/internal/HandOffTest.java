package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonizeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandOffTest {
    private static final DaemonPlan PLAN = new DaemonPlan(Path.of("/run/a.pid"), Path.of("/"), null,
            Path.of("/var/log/a.log"), Path.of("/var/log/a.log"), 0027, Set.of(5, 9), true, "nobody", null, true,
            Path.of("/srv/jail"), io.github.daemoniker.Signal.SIGUSR1, 1L << 33, 7, true, java.util.List.of("-Xmx1g", "-Dx=ü"),
            java.util.Collections.singletonMap("GONE", null));

    private static byte[] bytes(HandOff handOff) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handOff.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void roundTrips() throws Exception {
        HandOff original = new HandOff("0123456789abcdef0123456789abcdef", PLAN,
                ArgumentCodec.encode(new Object[] {"x", 1}));
        HandOff read = HandOff.readFrom(new ByteArrayInputStream(bytes(original)));
        assertEquals(original.token(), read.token());
        assertEquals(PLAN, read.plan());
        assertEquals(2, read.args().size());
        assertArrayEquals(new Object[] {"x", 1}, ArgumentCodec.decode(read.args()));
    }

    @Test
    void aCutShortHandOffIsNamed() throws Exception {
        byte[] full = bytes(new HandOff("t", PLAN, List.of(new byte[100])));
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> HandOff.readFrom(new ByteArrayInputStream(Arrays.copyOf(full, full.length - 10))));
        assertTrue(e.getMessage().startsWith("the hand-off from the original process was cut short"), e.getMessage());
    }

    @Test
    void anyStringGoesOverExactlyAndAtAnyLength() throws Exception {
        String unpaired = "a\ud800b";
        String long64k = "x".repeat(70_000);
        DaemonPlan plan = new DaemonPlan(Path.of("/run/a.pid"), Path.of("/"), null, null, null, 022, Set.of(), false,
                null, null, false, null, null, 0, 0, false, List.of("-Dlong=" + long64k),
                java.util.Map.of("ODD", unpaired));
        HandOff read = HandOff.readFrom(new ByteArrayInputStream(bytes(new HandOff(unpaired, plan, List.of()))));
        assertEquals(unpaired, read.token());
        assertEquals(plan, read.plan());
    }

    @Test
    void aGarbledCountAllocatesNothingAndIsNamed() throws Exception {
        byte[] full = bytes(new HandOff("t", PLAN, List.of()));
        // the token's length, just after the mark and the body's length
        int at = "daemoniker-handoff-2\n".length() + 4;
        full[at] = (byte) 0x7f;
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> HandOff.readFrom(new ByteArrayInputStream(full)));
        assertTrue(e.getMessage().startsWith("the hand-off from the original process was garbled: "), e.getMessage());
    }

    @Test
    void aNegativeLengthIsGarbledNotCutShort() throws Exception {
        byte[] full = bytes(new HandOff("t", PLAN, List.of()));
        full["daemoniker-handoff-2\n".length()] = (byte) 0x80;
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> HandOff.readFrom(new ByteArrayInputStream(full)));
        assertTrue(e.getMessage().startsWith("the hand-off from the original process was garbled: "), e.getMessage());
    }

    @Test
    void somethingElseOnTheChannelIsRefused() {
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> HandOff.readFrom(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes())));
        assertEquals("the hand-off from the original process is not Daemoniker's", e.getMessage());
    }
}
