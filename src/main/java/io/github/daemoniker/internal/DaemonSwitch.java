package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The environment switch that tells a relaunched JVM it is the daemon: a one-time random token,
 * checked against the hand-off, and where the platform put the channels.
 */
public record DaemonSwitch(String token, String channelSpec) {

    /** The environment variable that carries the switch. */
    public static final String VARIABLE = "DAEMONIKER_SWITCH";

    private static final String VERSION = "1";

    /** A daemon only parses the switch: it never pays for SecureRandom's start. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    public static String newToken() {
        byte[] bytes = new byte[16];
        Random.SOURCE.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The switch in this process's environment, if there is one. */
    public static Optional<DaemonSwitch> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        return value == null ? Optional.empty() : Optional.of(parse(value));
    }

    static DaemonSwitch parse(String value) {
        String[] parts = value.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9a-f]{32}")) {
            throw new DaemonikerException("the environment variable " + VARIABLE + " is set to '" + value
                    + "', which Daemoniker did not write: unset it to run this program normally");
        }
        return new DaemonSwitch(parts[1], parts[2]);
    }

    /** The variable's value. */
    public String value() {
        return VERSION + ":" + token + ":" + channelSpec;
    }

    /**
     * The numbers of a channel spec {@code "handOff,readiness"} or {@code "handOff,readiness,pidFile"}:
     * descriptors on Unix, handle values on Windows.
     */
    public static long[] channelNumbers(String channelSpec) {
        String[] parts = channelSpec.split(",", -1);
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts.length > 3 || parts.length < 2 || !parts[i].matches("[0-9]{1,18}")) {
                throw new DaemonSwitch("", channelSpec).stray("its channels '" + channelSpec + "' are not Daemoniker's");
            }
            numbers[i] = Long.parseLong(parts[i]);
        }
        return numbers;
    }

    /** The error for a switch that names channels this process does not have. */
    public DaemonikerException stray(String why) {
        return new DaemonikerException("the environment variable " + VARIABLE + " is set, but this process"
                + " was not relaunched by Daemoniker (" + why + "): unset it to run this program normally");
    }
}
