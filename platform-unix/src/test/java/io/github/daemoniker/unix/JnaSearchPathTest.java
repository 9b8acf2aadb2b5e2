package io.github.daemoniker.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** JNA's library search path, computed from the linker's cache instead of by running ldconfig. */
class JnaSearchPathTest {

    /** A cache in glibc's format holding {@code paths}, one entry each. */
    private static ByteBuffer cache(String... paths) {
        int strings = 48 + 24 * paths.length;
        ByteBuffer bytes = ByteBuffer.allocate(strings + 200 * paths.length).order(ByteOrder.nativeOrder());
        bytes.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.ISO_8859_1)).putInt(paths.length);
        int at = strings;
        for (int i = 0; i < paths.length; i++) {
            bytes.putInt(48 + 24 * i + 8, at);
            byte[] path = paths[i].getBytes(StandardCharsets.UTF_8);
            bytes.put(at, path);
            at += path.length + 1;
        }
        return bytes.limit(at).position(0);
    }

    @Test
    void theDirectoriesOfTheCacheInItsOrderEachOnce() {
        assertEquals(Optional.of(List.of("/lib/x86_64-linux-gnu", "/usr/local/lib", "/lib/x86_64-linux-gnu/glibc-hwcaps/x")),
                JnaSearchPath.parse(cache("/lib/x86_64-linux-gnu/libz.so.1", "/usr/local/lib/libfoo.so",
                        "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/glibc-hwcaps/x/libm.so.6")));
    }

    @Test
    void aCacheThatIsNotCertainlyGlibcsIsNotReadAndNoCacheIsAnEmptyOne(@TempDir Path dir) {
        assertEquals(Optional.empty(), JnaSearchPath.parse(ByteBuffer.wrap("ld.so-1.7.0\0\0\0\0".repeat(8)
                .getBytes(StandardCharsets.ISO_8859_1))), "the old format");
        ByteBuffer lying = cache("/lib/libz.so");
        lying.putInt(20, 1 << 20);
        assertEquals(Optional.empty(), JnaSearchPath.parse(lying), "more entries than the file holds");
        ByteBuffer outside = cache("/lib/libz.so");
        outside.putInt(48 + 8, 1 << 30);
        assertEquals(Optional.empty(), JnaSearchPath.parse(outside), "a string outside the file");
        assertEquals(Optional.of(List.of()), JnaSearchPath.cacheDirectories(dir.resolve("ld.so.cache")));
    }

    @Test
    void jnasDefaultsComeFirstAndOnlyDirectoriesThatExistAreKept() {
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:/usr/lib:/usr/local/lib"),
                JnaSearchPath.platformPath(List.of("/usr/local/lib", "/lib/x86_64-linux-gnu", "/gone"),
                        path -> path.contains("x86_64") || !path.contains("64") && !path.equals("/lib")
                                && !path.equals("/gone")));
    }

    static boolean jnaWouldRunLdconfig() {
        return "Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))
                && new File("/sbin/ldconfig").canExecute();
    }

    @Test
    @EnabledIf("jnaWouldRunLdconfig")
    void theSamePathAsJnaComputesByRunningLdconfig() throws Exception {
        // its stdout alone: a JVM may warn on stderr (JDK 24+ about native access)
        Process jna = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PrintJnaPath.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String computedByJna = new String(jna.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jna.waitFor(60, TimeUnit.SECONDS);
        assertEquals(computedByJna, JnaSearchPath.cacheDirectories(Path.of("/etc/ld.so.cache"))
                .flatMap(directories -> JnaSearchPath.platformPath(directories,
                        directory -> java.nio.file.Files.isDirectory(Path.of(directory))))
                .orElseThrow());
    }

    /** JNA's own computation, in a JVM where nothing set the property first. */
    public static final class PrintJnaPath {
        public static void main(String[] args) {
            com.sun.jna.NativeLibrary.getProcess();
            System.out.print(System.getProperty(JnaSearchPath.PROPERTY));
        }
    }
}
