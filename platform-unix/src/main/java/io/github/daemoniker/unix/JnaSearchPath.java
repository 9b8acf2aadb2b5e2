package io.github.daemoniker.unix;

import io.github.daemoniker.internal.OperatingSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The library search path JNA computes on Linux the first time it is used, computed here without
 * what JNA runs for it: {@code /sbin/ldconfig -p}, a process whose start costs ~15 ms of every
 * daemon's start and, in a process out of file descriptors, reaches a JDK bug that closes
 * descriptors which are not its own (the standard streams among them). The directories of the
 * linker's cache are read from {@code /etc/ld.so.cache} instead, in its order, which is the order
 * {@code ldconfig -p} prints. Set only where the result is certain to be JNA's own — x86-64 Linux,
 * a cache in glibc's format or none (musl's case, where JNA's command fails) — and never over a
 * value the program set: JNA would set the very same property itself.
 */
final class JnaSearchPath {
    static final String PROPERTY = "jna.platform.library.path";
    private static final Path CACHE = Path.of("/etc/ld.so.cache");
    private static final String MAGIC = "glibc-ld.so.cache1.1";
    private static final int HEADER = 48;
    private static final int ENTRY = 24;
    /** A cache is a few hundred kilobytes; one larger than this is not read. */
    private static final long MAX_CACHE = 16 << 20;

    private JnaSearchPath() {
    }

    /** Sets the property as JNA would, if the program has not and the result is certain. */
    static void presetIfUnset() {
        if (System.getProperty(PROPERTY) != null || OperatingSystem.current() != OperatingSystem.LINUX
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return;
        }
        cacheDirectories(CACHE).flatMap(directories -> platformPath(directories,
                        directory -> Files.isDirectory(Path.of(directory))))
                .ifPresent(path -> System.setProperty(PROPERTY, path));
    }

    /** JNA's path: its x86-64 defaults first, then the cache's directories, each once, only those that exist. */
    static Optional<String> platformPath(List<String> cacheDirectories, Predicate<String> isDirectory) {
        List<String> paths = new ArrayList<>(cacheDirectories);
        String[] defaults = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib",
            "/lib"};
        for (int i = defaults.length - 1; i >= 0; i--) {
            paths.remove(defaults[i]);
            paths.add(0, defaults[i]);
        }
        List<String> existing = paths.stream().filter(isDirectory).toList();
        return existing.isEmpty() ? Optional.empty() : Optional.of(String.join(":", existing));
    }

    /**
     * The directories of the libraries in {@code cache}, in its order, each once: empty for no
     * cache (what JNA gets when ldconfig is missing), nothing at all for a cache this does not
     * know for certain how to read (then JNA is left to ask ldconfig).
     */
    static Optional<List<String>> cacheDirectories(Path cache) {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER || size > MAX_CACHE) {
                return Optional.empty();
            }
            bytes = ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read it whole
            }
            bytes.flip();
        } catch (NoSuchFileException e) {
            return Optional.of(List.of());
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(bytes);
    }

    /** glibc's format: a header, {@code nlibs} entries of 24 bytes, string offsets from the file's start. */
    static Optional<List<String>> parse(ByteBuffer bytes) {
        byte[] magic = new byte[MAGIC.length()];
        if (bytes.limit() < HEADER) {
            return Optional.empty();
        }
        bytes.get(0, magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            return Optional.empty();
        }
        long libraries = Integer.toUnsignedLong(bytes.getInt(20));
        if (HEADER + libraries * ENTRY > bytes.limit()) {
            return Optional.empty();
        }
        List<String> directories = new ArrayList<>();
        for (int i = 0; i < libraries; i++) {
            int value = bytes.getInt(HEADER + i * ENTRY + 8);
            Optional<String> path = string(bytes, value);
            if (path.isEmpty()) {
                return Optional.empty();
            }
            int slash = path.get().lastIndexOf('/');
            String directory = slash < 0 ? null : path.get().substring(0, slash);
            // ldconfig -p prints "… => PATH"; JNA takes what is before its last '/'
            if (directory != null && !directory.isEmpty() && !directories.contains(directory)) {
                directories.add(directory);
            }
        }
        return Optional.of(directories);
    }

    private static Optional<String> string(ByteBuffer bytes, int offset) {
        if (offset < 0 || offset >= bytes.limit()) {
            return Optional.empty();
        }
        int end = offset;
        while (end < bytes.limit() && bytes.get(end) != 0) {
            end++;
        }
        if (end == bytes.limit()) {
            return Optional.empty();
        }
        byte[] text = new byte[end - offset];
        bytes.get(offset, text);
        return Optional.of(new String(text, StandardCharsets.UTF_8));
    }
}
