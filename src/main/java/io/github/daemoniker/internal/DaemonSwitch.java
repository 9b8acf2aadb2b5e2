package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment switch that tells a relaunched JVM it is the daemon: a one-time random token,
 * checked against the hand-off, and where the platform put the channels. Built and parsed here
 * only.
 */
public record DaemonSwitch(String token, Channels channels) {

    /** The environment variable that carries the switch. */
    public static final String VARIABLE = "DAEMONIKER_SWITCH";

    private static final String VERSION = "1";

    /**
     * Where the daemon finds its channels to the original process: descriptors on Unix, handle
     * values on Windows. Written "handOff,readiness".
     */
    public record Channels(long handOff, long readiness) {

        static Channels parse(String spec) {
            String[] parts = spec.split(",", -1);
            long[] numbers = new long[2];
            for (int i = 0; i < parts.length; i++) {
                if (parts.length != 2 || !consistsOf(parts[i], 1, 18, "0123456789")) {
                    throw DaemonSwitch.stray("its channels '" + spec + "' are not Daemoniker's");
                }
                numbers[i] = Long.parseLong(parts[i]);
            }
            return new Channels(numbers[0], numbers[1]);
        }

        /** The error for a switch that names channels this process does not have. */
        public DaemonikerException stray(String why) {
            return DaemonSwitch.stray(why);
        }

        @Override
        public String toString() {
            return handOff + "," + readiness;
        }
    }

    /** A daemon only parses the switch: it never pays for SecureRandom's start. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /**
     * 128 random bits from {@code source}, in hex; from SecureRandom where {@code source} cannot
     * give them (see {@link Relauncher#randomSource()}).
     */
    public static String newToken(Path source) {
        byte[] bytes = new byte[16];
        if (source != null) {
            try (InputStream kernel = Files.newInputStream(source)) {
                if (kernel.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                    return HexFormat.of().formatHex(bytes);
                }
            } catch (IOException e) {
                // no such device (a chroot without devices): SecureRandom finds the kernel's another way
            }
        }
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
        if (parts.length != 3 || !parts[0].equals(VERSION) || !consistsOf(parts[1], 32, 32, "0123456789abcdef")) {
            throw new DaemonikerException("the environment variable " + VARIABLE + " is set to '" + value
                    + "', which Daemoniker did not write: unset it to run this program normally");
        }
        return new DaemonSwitch(parts[1], Channels.parse(parts[2]));
    }

    /**
     * Whether {@code text} has {@code min} to {@code max} characters, each one of {@code allowed}:
     * checked by hand, since a daemon parses the switch first thing, and the first regular
     * expression of a JVM costs milliseconds there.
     */
    private static boolean consistsOf(String text, int min, int max, String allowed) {
        if (text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The variable's value. */
    public String value() {
        return VERSION + ":" + token + ":" + channels;
    }

    /**
     * {@code entries} ("NAME=value") without any switch they had (names compared ignoring case
     * where the system's names have none), and with {@code daemonSwitch} where it is not
     * {@code null}: the environment of a relaunch, or of a program that must not inherit a switch.
     */
    public static List<String> environment(Collection<String> entries, DaemonSwitch daemonSwitch, boolean ignoreCase) {
        return environment(entries, Map.of(), daemonSwitch, ignoreCase);
    }

    /**
     * The same, with {@code changes} made first: each variable set to its value, or removed where
     * the value is {@code null} (DaemonOptions.environment).
     */
    public static List<String> environment(Collection<String> entries, Map<String, String> changes,
            DaemonSwitch daemonSwitch, boolean ignoreCase) {
        List<String> result = new ArrayList<>(entries.size() + changes.size() + 1);
        List<String> replaced = new ArrayList<>(changes.keySet());
        replaced.add(VARIABLE);
        replaced.add(RelaunchOrigin.VARIABLE);
        for (String entry : entries) {
            if (replaced.stream().noneMatch(name -> entry.regionMatches(ignoreCase, 0, name + "=", 0, name.length() + 1))) {
                result.add(entry);
            }
        }
        changes.forEach((name, value) -> {
            if (value != null) {
                result.add(name + "=" + value);
            }
        });
        if (daemonSwitch != null) {
            result.add(VARIABLE + "=" + daemonSwitch.value());
        }
        return result;
    }

    private static DaemonikerException stray(String why) {
        return new DaemonikerException("the environment variable " + VARIABLE + " is set, but this process"
                + " was not relaunched by Daemoniker (" + why + "): unset it to run this program normally");
    }
}
