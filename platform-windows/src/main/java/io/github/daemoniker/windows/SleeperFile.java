package io.github.daemoniker.windows;

import io.github.daemoniker.internal.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which sleeper stands for the daemon now: the file {@code <pid file>.sleeper}, next to the pid
 * file (whose first and only line stays the daemon's pid), replaced atomically each time the
 * sleeper is, so that a reader sees the old sleeper or the new one, never half of either.
 */
record SleeperFile(long daemonPid, long sleeperPid, long startTime) {
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,19}) ([0-9]{1,19}) (-?[0-9]{1,19})\n");

    /** Where the sleeper file of {@code pidFile} is. */
    public static Path of(Path pidFile) {
        return pidFile.resolveSibling(pidFile.getFileName() + ".sleeper");
    }

    /** The sleeper file of {@code pidFile}, if there is one that can be read. */
    public static Optional<SleeperFile> read(Path pidFile) {
        String content;
        try {
            content = Files.readString(of(pidFile), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the sleeper file " + of(pidFile) + " cannot be read", e);
        }
        Matcher fields = FORMAT.matcher(content);
        if (!fields.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SleeperFile(Long.parseLong(fields.group(1)), Long.parseLong(fields.group(2)),
                    Long.parseLong(fields.group(3))));
        } catch (NumberFormatException e) {
            // nineteen digits, beyond a long
            return Optional.empty();
        }
    }

    /** Writes this as the sleeper file of {@code pidFile}, replacing the one there in one step. */
    public void write(Path pidFile) {
        Path target = of(pidFile);
        Path next = target.resolveSibling(target.getFileName() + "." + daemonPid + ".new");
        try {
            Files.writeString(next, daemonPid + " " + sleeperPid + " " + startTime + "\n", StandardCharsets.US_ASCII);
            // Windows refuses to replace a file that a reader (a sender, an indexer, an antivirus)
            // holds open without sharing its deletion: access denied, or a sharing violation
            IOException refused = Poll.until(() -> replace(next, target), Objects::isNull, Duration.ofSeconds(5));
            if (refused != null) {
                throw refused;
            }
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(next);
            throw new UncheckedIOException("the sleeper file " + target + " cannot be written",
                    e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e);
        }
    }

    /** Removes the sleeper file of {@code pidFile} if it still names {@code daemonPid}'s sleeper. */
    public static void remove(Path pidFile, long daemonPid) {
        try {
            if (read(pidFile).filter(file -> file.daemonPid() == daemonPid).isPresent()) {
                Files.deleteIfExists(of(pidFile));
            }
        } catch (IOException | UncheckedIOException e) {
            // a stale sleeper file names a sleeper that is gone: senders see that, and say so
        }
    }

    /** Moves {@code next} over {@code target}: null once it did, the refusal while Windows refuses. */
    private static IOException replace(Path next, Path target) {
        try {
            Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            return e;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing else to do with it
        }
    }
}
