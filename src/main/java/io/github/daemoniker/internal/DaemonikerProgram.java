package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Whether a command line runs a Java program that holds this library, as far as it can be told
 * from the command line itself: a {@code java} command whose class path, {@code -jar} file (and
 * its manifest's Class-Path, or a Spring Boot jar's own libraries) or module path has
 * {@code io.github.daemoniker.Daemonizer}. Only such a program tells a supervisor it is ready
 * (systemd's READY=1) or connects to the Service Control Manager; a wrapper script, or any other
 * program, cannot be told apart from one that does not.
 */
public final class DaemonikerProgram {
    private static final String CLASS = "io/github/daemoniker/Daemonizer.class";

    private DaemonikerProgram() {
    }

    /** Whether {@code command} is such a program; relative paths are taken from {@code directory}. */
    public static boolean holdsTheLibrary(List<String> command, Path directory) {
        String program = Path.of(command.get(0)).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!program.equals("java") && !program.equals("java.exe") && !program.equals("javaw.exe")) {
            return false;
        }
        for (int i = 1; i + 1 < command.size(); i++) {
            String option = command.get(i);
            String value = command.get(i + 1);
            if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path")) {
                if (anyHolds(value, directory, false)) {
                    return true;
                }
            } else if (option.equals("-p") || option.equals("--module-path")) {
                if (anyHolds(value, directory, true)) {
                    return true;
                }
            } else if (option.equals("-jar")) {
                return jarHolds(directory.resolve(value), true);
            } else if (!option.startsWith("-")) {
                return false;
            }
        }
        return false;
    }

    private static boolean anyHolds(String path, Path directory, boolean modulePath) {
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path at = directory.resolve(entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry);
            if (Files.isDirectory(at) && (modulePath || entry.endsWith("*"))) {
                try (var jars = Files.list(at)) {
                    if (jars.filter(jar -> jar.toString().endsWith(".jar")).anyMatch(jar -> jarHolds(jar, false))) {
                        return true;
                    }
                } catch (IOException e) {
                    // an unreadable directory holds nothing this can see
                }
            } else if (Files.isRegularFile(at.resolve(CLASS)) || Files.isRegularFile(at) && jarHolds(at, false)) {
                return true;
            }
        }
        return false;
    }

    /** The jar holds the class; a {@code -jar} file's manifest Class-Path and Spring Boot's nested jars count too. */
    private static boolean jarHolds(Path jar, boolean launched) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(CLASS) != null) {
                return true;
            }
            if (!launched) {
                return false;
            }
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/daemoniker") && name.endsWith(".jar")) {
                    return true;
                }
            }
            String classPath = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<Path> listed = new ArrayList<>();
            for (String entry : classPath == null ? new String[0] : classPath.trim().split("\\s+")) {
                listed.add(jar.toAbsolutePath().getParent().resolve(entry));
            }
            return listed.stream().anyMatch(entry -> Files.isRegularFile(entry.resolve(CLASS))
                    || Files.isRegularFile(entry) && jarHolds(entry, false));
        } catch (IOException e) {
            return false;
        }
    }
}
