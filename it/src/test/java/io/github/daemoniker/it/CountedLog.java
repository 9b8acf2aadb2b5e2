package io.github.daemoniker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log of the fixture's counter ({@code count=yes}): "line N", one write each, read back and checked. */
final class CountedLog {

    private CountedLog() {
    }

    /**
     * The counter's numbers across {@code files}, oldest first, checked to follow on from one file
     * to the next with none missing or twice; returns how many there were.
     */
    static long contiguous(List<Path> files) throws IOException {
        long next = -1;
        long count = 0;
        for (Path file : files) {
            for (long number : numbers(file)) {
                if (next >= 0) {
                    assertEquals(next, number, "line " + next + " follows line " + (next - 1) + ", in " + file);
                }
                next = number + 1;
                count++;
            }
        }
        return count;
    }

    /**
     * The numbers of "line N", in the order written (the fixture's own first lines aside; a torn line
     * breaks the count); a file compressed by logrotate ({@code .gz}) is read through gzip.
     */
    static List<Long> numbers(Path file) throws IOException {
        List<String> lines;
        if (file.toString().endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            }
        } else {
            lines = Files.readAllLines(file);
        }
        return lines.stream().filter(line -> line.startsWith("line")).map(line -> {
            assertTrue(line.matches("line \\d+"), "a line of the counter, whole: '" + line + "' in " + file);
            return Long.parseLong(line.substring(5));
        }).toList();
    }
}
