package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A service definition the tool writes (a systemd unit, a launchd plist): known for its own by a
 * mark on a line of its own, and only then rewritten or removed; written whole, through a
 * temporary file, readable by anyone and writable by its owner only, as the system's own are.
 *
 * @param file the definition's path
 * @param mark the line that says Daemoniker wrote it
 * @param what what it is, for a sentence: "unit", "plist"
 * @param key  what names it, for a sentence: "name", "label"
 */
public record OwnedFile(Path file, String mark, String what, String key) {

    public boolean exists() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The content, if Daemoniker wrote it: a regular file, small, with the mark on a line of its own.
     *
     * @throws DaemonikerException for any other file, which is left as it is
     */
    public String content() throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 64 * 1024
                || !("\n" + Files.readString(file, StandardCharsets.ISO_8859_1)).contains("\n" + mark + "\n")) {
            throw new DaemonikerException("the " + what + " " + file + " was not written by Daemoniker: it is left as it"
                    + " is; choose another " + key + ", or remove it yourself");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Refuses a file there that Daemoniker did not write; none, or one of Daemoniker's, passes. */
    public void refuseIfNotOurs() {
        holds("");
    }

    /** Whether a file of Daemoniker's is there already with exactly {@code text}; another file is refused. */
    public boolean holds(String text) {
        try {
            return exists() && content().equals(text);
        } catch (IOException e) {
            throw new DaemonikerException("the " + what + " " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code text}, whole, over a file of Daemoniker's or none. */
    public void write(String text) {
        Path directory = file.getParent();
        try {
            if (exists()) {
                content();
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new DaemonikerException("the " + what + " " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /** Removes a file of Daemoniker's; whether there was one. */
    public boolean remove() {
        if (!exists()) {
            return false;
        }
        try {
            content();
            Files.delete(file);
            return true;
        } catch (IOException e) {
            throw new DaemonikerException("the " + what + " " + file + " could not be removed: " + e.getMessage(), e);
        }
    }
}
