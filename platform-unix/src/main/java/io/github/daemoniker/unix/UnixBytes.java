package io.github.daemoniker.unix;

import io.github.daemoniker.internal.DaemonSwitch;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unix command lines and environments are bytes, not text. Under a locale that cannot decode
 * them (LANG=POSIX), Java's view of them has lost bytes to '?'; the relaunch passes on the
 * kernel's own bytes instead. A byte string here is a Java string of one char per byte
 * (ISO-8859-1), which maps every byte to itself. Plain Java: a start on Linux needs no JNA.
 */
final class UnixBytes {
    /** How the JDK turned this system's bytes into Java strings (file names, arguments). */
    static final Charset NATIVE = Charset.forName(System.getProperty("sun.jnu.encoding",
            Charset.defaultCharset().name()));
    private static final Path ENVIRON = Path.of("/proc/self/environ");

    private UnixBytes() {
    }

    /** Java strings as the byte strings the JDK would have passed to the system. */
    static List<String> of(List<String> texts) {
        List<String> bytes = new ArrayList<>(texts.size());
        for (String text : texts) {
            bytes.add(new String(text.getBytes(NATIVE), StandardCharsets.ISO_8859_1));
        }
        return bytes;
    }

    /**
     * The Java string the JDK turns into exactly these bytes when it starts a program (it encodes
     * arguments and environment by {@code sun.jnu.encoding}, or by the default charset before JDK
     * 18), or empty if there is none.
     */
    static Optional<String> asText(String byteString) {
        byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
        String text = new String(bytes, NATIVE);
        return Arrays.equals(text.getBytes(NATIVE), bytes) && passesExactly(text) ? Optional.of(text) : Optional.empty();
    }

    /** Whether the JDK passes {@code text} to a program as the bytes this class would. */
    static boolean passesExactly(String text) {
        return Arrays.equals(text.getBytes(NATIVE), text.getBytes(Charset.defaultCharset()));
    }

    /** The NUL-separated byte strings of {@code bytes}. */
    static List<String> split(byte[] bytes, int from, int to, int limit) {
        List<String> parts = new ArrayList<>();
        int start = from;
        for (int i = from; i < to && parts.size() < limit; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        return parts;
    }

    /**
     * This process's environment as the kernel gave it (Linux), or as the JDK decoded it, without
     * any switch it had, and with {@code daemonSwitch} when there is one.
     */
    static List<String> environment(Map<String, String> changes, DaemonSwitch daemonSwitch) {
        List<String> entries = new ArrayList<>();
        try {
            byte[] environ = Files.readAllBytes(ENVIRON);
            entries.addAll(split(environ, 0, environ.length, Integer.MAX_VALUE));
        } catch (IOException e) {
            for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
                entries.addAll(of(List.of(variable.getKey() + "=" + variable.getValue())));
            }
        }
        entries.removeIf(entry -> entry.indexOf('=') <= 0);
        Map<String, String> bytes = new java.util.LinkedHashMap<>();
        changes.forEach((name, value) -> bytes.put(of(List.of(name)).get(0), value == null ? null : of(List.of(value)).get(0)));
        return DaemonSwitch.environment(entries, bytes, daemonSwitch, false);
    }
}
