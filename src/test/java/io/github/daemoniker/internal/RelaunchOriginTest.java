package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonikerException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelaunchOriginTest {
    private static final LaunchCommand ORIGINAL = new LaunchCommand("/usr/bin/java",
            List.of("-Xmx1g", "-cp", "app.jar", "app.Main", "-Xmx1g", "arg"));

    @Test
    void whatTheLibraryAddedIsToldApartAndTakenAwayAgain() {
        LaunchCommand relaunched = ORIGINAL.withLeadingJvmOptions(List.of("--enable-native-access=ALL-UNNAMED"))
                .withJvmOptions(List.of("-Xmx1g", "-Dx=y"));
        RelaunchOrigin origin = RelaunchOrigin.of(ORIGINAL, relaunched, false, "/srv/app");
        assertEquals("1:-:9:0,4,5:/srv/app", origin.value(), "the second -Xmx1g counts as added: the result is the same");
        assertEquals(origin, RelaunchOrigin.parse(origin.value()));
        assertEquals(Optional.of(ORIGINAL.arguments()), origin.userArguments(relaunched.arguments()));
        assertEquals(Optional.empty(), origin.userArguments(ORIGINAL.arguments()), "another command line");
    }

    @Test
    void nothingAddedAndADirectoryWithColons() {
        RelaunchOrigin origin = RelaunchOrigin.of(ORIGINAL, ORIGINAL, true, "/srv/a:b");
        assertEquals("1:s:6::/srv/a:b", origin.value());
        assertEquals(origin, RelaunchOrigin.parse(origin.value()));
        assertTrue(RelaunchOrigin.parse(origin.value()).stripped());
    }

    @Test
    void aValueTheLibraryDidNotWriteIsRefusedInOneSentence() {
        for (String value : new String[] {"", "2:-:1::/", "1:x:1::/", "1:-:1:a:/", "1:-:1::relative", "1:-:-1::/",
                "1:-:1:0,,1:/"}) {
            DaemonikerException refused = assertThrows(DaemonikerException.class, () -> RelaunchOrigin.parse(value));
            assertEquals("the environment variable DAEMONIKER_ORIGIN is set to '" + value + "', which Daemoniker did not"
                    + " write", refused.getMessage());
        }
    }
}
