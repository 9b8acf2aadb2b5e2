package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonikerProgramTest {
    @TempDir
    Path dir;

    /** A jar holding {@code entries} (empty ones), with {@code classPath} in its manifest if not null. */
    private Path jar(String name, String classPath, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (String entry : entries) {
                jarOut.putNextEntry(new JarEntry(entry));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private boolean holds(String... command) {
        return DaemonikerProgram.holdsTheLibrary(List.of(command), dir);
    }

    @Test
    void aJavaCommandWithTheLibraryOnItsClassPathModulePathOrInItsJarHoldsIt() throws IOException {
        jar("daemoniker.jar", null, "io/github/daemoniker/Daemonizer.class");
        jar("app.jar", null, "app/Main.class");
        Files.createDirectories(dir.resolve("classes/io/github/daemoniker"));
        Files.createFile(dir.resolve("classes/io/github/daemoniker/Daemonizer.class"));
        assertTrue(holds("/usr/bin/java", "-Xmx1g", "-cp", "app.jar" + java.io.File.pathSeparator + "daemoniker.jar", "app.Main"));
        assertTrue(holds("java", "-classpath", "classes", "app.Main"), "a class directory");
        assertTrue(holds("java", "-cp", "*", "app.Main"), "a wildcard");
        assertTrue(holds("java", "-p", ".", "-m", "app/app.Main"), "the module path");
        jar("fat.jar", null, "app/Main.class", "io/github/daemoniker/Daemonizer.class");
        assertTrue(holds("java", "-jar", "fat.jar"), "a fat jar");
        jar("boot.jar", null, "BOOT-INF/lib/daemoniker-0.1.0.jar");
        assertTrue(holds("java", "-jar", "boot.jar"), "a Spring Boot jar");
        jar("thin.jar", "daemoniker.jar app.jar");
        assertTrue(holds("java", "-jar", "thin.jar"), "a manifest's Class-Path");
    }

    @Test
    void anythingElseDoesNot() throws IOException {
        jar("app.jar", null, "app/Main.class");
        assertFalse(holds("java", "-cp", "app.jar", "app.Main"));
        assertFalse(holds("java", "-jar", "app.jar"));
        assertFalse(holds("java", "-jar", "missing.jar"));
        assertFalse(holds("/usr/bin/sleep", "100"));
        assertFalse(holds("/opt/app/bin/app.sh", "-cp", "daemoniker.jar"), "a wrapper script cannot be told apart");
        assertFalse(holds("java", "app.Main", "-cp", "daemoniker.jar"), "the program's own argument");
    }
}
