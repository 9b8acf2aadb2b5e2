package io.github.daemoniker.unix;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.ThisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where JNA will unpack its native code in a daemon that loads it only after ready, proven
 * usable before the start is reported: unpacked into a directory whose file system does not allow
 * running code ({@code noexec}), it cannot load, and the daemon would die after its start was
 * reported. The directory is JNA's own choice, as {@code Native.getTempDir} makes it (which cannot
 * be called without loading JNA): {@code jna.tmpdir}, else {@code $XDG_CACHE_HOME} or
 * {@code ~/.cache}, {@code /JNA/temp}, where it can be made and written, else {@code java.io.tmpdir};
 * made as JNA makes it, and probed with a file of no bytes, removed at once.
 */
final class JnaExtraction {
    /** rwx------, as a plain set: PosixFilePermissions.fromString's EnumSet reaches the enum by reflection. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> EXECUTABLE = java.util.Set.of(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);

    private JnaExtraction() {
    }

    /** Refuses, in one sentence, a start whose daemon could not load JNA. */
    static void check() {
        if (System.getProperty("jna.boot.library.path") != null) {
            return;
        }
        Path directory = directory();
        if (directory == null) {
            return;
        }
        Path probe = null;
        try {
            // named by hand: createTempFile's random name starts SecureRandom, ~20 ms on the way to the launch
            probe = Files.createFile(directory.resolve(".daemoniker-exec-probe-" + ThisProcess.pid() + "-" + System.nanoTime()),
                    PosixFilePermissions.asFileAttribute(EXECUTABLE));
            if (!Files.isExecutable(probe)) {
                throw new DaemonizeException("Daemoniker's native layer (JNA) would not load in the daemon: it unpacks"
                        + " its code into " + directory + ", where this system lets no code run (a noexec mount); give"
                        + " JNA a directory that allows it with -Djna.tmpdir=DIR");
            }
        } catch (IOException e) {
            // JNA could not write there either, and says so in the daemon: nothing more is known here
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a probe of 0 bytes in JNA's own directory
                }
            }
        }
    }

    /**
     * The directory JNA will unpack into, made as JNA makes it (so the probe goes nowhere JNA would
     * not write itself); null where there is none to probe.
     */
    private static Path directory() {
        String given = System.getProperty("jna.tmpdir");
        if (given != null) {
            return made(Path.of(given).toAbsolutePath());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = made((xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache")
                : Path.of(xdg)).resolve("JNA").resolve("temp").toAbsolutePath());
        return cache != null && Files.isWritable(cache) ? cache : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** {@code directory}, made if it is not there (as JNA's mkdirs); null if it cannot be. */
    private static Path made(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
