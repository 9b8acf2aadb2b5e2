package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Detach;
import io.github.daemoniker.Readiness;
import io.github.daemoniker.Signal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandOffTest {
    /** Every option away from its default (checked below), so that each is seen to cross over. */
    private static final DaemonPlan PLAN = new DaemonPlan(Path.of("/run/a.pid"), OptionValues.defaults()
            .with(Option.CHDIR, Path.of("/srv")).with(Option.STDIN, Path.of("/etc/in"))
            .with(Option.STDOUT, Path.of("/var/log/a.log")).with(Option.STDERR, Path.of("/var/log/a.log"))
            .with(Option.UMASK, 022).with(Option.SHIELDED_FDS, Set.of(5, 9))
            .with(Option.SUCCESS_TIMEOUT, Duration.ofMillis(1500)).with(Option.STRIP_CMD_ARGS, true)
            .with(Option.PREVENT_CORE, false).with(Option.USER, "nobody").with(Option.GROUP, "")
            .with(Option.READINESS, Readiness.MANUAL).with(Option.DETACH, Detach.NEVER)
            .with(Option.CHROOT_DIRECTORY, Path.of("/srv/jail")).with(Option.REOPEN_LOGS_ON, Signal.SIGUSR1)
            .with(Option.ROTATE_LOGS_AT, 1L << 33).with(Option.LOGS_KEPT, 7).with(Option.EXIT_ZERO_ON_STOP, true)
            .with(Option.JVM_OPTIONS, List.of("-Xmx1g", "-Dx=ü"))
            .with(Option.ENVIRONMENT, Collections.singletonMap("GONE", null)).with(Option.EXACT_RELAUNCH, true)
            .with(Option.LISTEN, "[::1]:80"));

    @Test
    void thePlanOfTheseTestsSetsEveryOption() {
        for (Option<?> option : Option.all()) {
            assertNotEquals(option.byDefault(), PLAN.get(option), option + " is at its default: give it a value here");
        }
    }

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
        DaemonPlan plan = new DaemonPlan(Path.of("/run/a.pid"), OptionValues.defaults()
                .with(Option.JVM_OPTIONS, List.of("-Dlong=" + long64k)).with(Option.ENVIRONMENT, Map.of("ODD", unpaired)));
        HandOff read = HandOff.readFrom(new ByteArrayInputStream(bytes(new HandOff(unpaired, plan, List.of()))));
        assertEquals(unpaired, read.token());
        assertEquals(plan, read.plan());
    }

    @Test
    void aGarbledCountAllocatesNothingAndIsNamed() throws Exception {
        byte[] full = bytes(new HandOff("t", PLAN, List.of()));
        // the token's length, just after the mark and the body's length
        int at = "daemoniker-handoff-4\n".length() + 4;
        full[at] = (byte) 0x7f;
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> HandOff.readFrom(new ByteArrayInputStream(full)));
        assertTrue(e.getMessage().startsWith("the hand-off from the original process was garbled: "), e.getMessage());
    }

    @Test
    void aNegativeLengthIsGarbledNotCutShort() throws Exception {
        byte[] full = bytes(new HandOff("t", PLAN, List.of()));
        full["daemoniker-handoff-4\n".length()] = (byte) 0x80;
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
