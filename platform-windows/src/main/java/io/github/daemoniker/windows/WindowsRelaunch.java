package io.github.daemoniker.windows;

import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.DaemonizeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a Windows relaunch starts, worked out in plain Java (tested on Linux too): the original
 * command line quoted by Windows' rules, the environment block with the switch in it, and the
 * {@code javaw.exe} that signal sleepers are made of.
 */
final class WindowsRelaunch {

    private WindowsRelaunch() {
    }

    /**
     * The {@code javaw.exe} next to the running JVM's {@code java.exe}, which signal sleepers are
     * made of (created suspended, they never run it).
     */
    public static Path javaw(Path javaHome) {
        Path javaw = javaHome.resolve("bin").resolve("javaw.exe");
        if (!Files.isRegularFile(javaw)) {
            throw new DaemonizeException("there is no " + javaw + ": Daemoniker makes its signal sleepers of the"
                    + " running JVM's javaw.exe (they never run it); use a JDK or JRE that has one");
        }
        return javaw;
    }

    /** The command line that runs {@code command}'s arguments under {@code program}. */
    public static String commandLine(Path program, LaunchCommand command) {
        List<String> arguments = new ArrayList<>();
        arguments.add(program.toString());
        arguments.addAll(command.arguments());
        return WindowsCommandLine.join(arguments);
    }

    /**
     * Windows' order of environment names: char by char, each folded to upper case (as the JDK's
     * own {@code ProcessEnvironment} sorts them; a lower-case fold would put {@code _} before letters).
     */
    static final Comparator<String> WINDOWS_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            char x = Character.toUpperCase(a.charAt(i));
            char y = Character.toUpperCase(b.charAt(i));
            if (x != y) {
                return x - y;
            }
        }
        return a.length() - b.length();
    };

    /**
     * A Unicode environment block: {@code environment} with the switch set (whatever the case of
     * a name already there, as Windows names have none), sorted by name as Windows sorts it,
     * each entry ended by a NUL and the block by another.
     */
    public static String environmentBlock(Map<String, String> environment, Map<String, String> changes,
            DaemonSwitch daemonSwitch) {
        List<String> entries = new ArrayList<>();
        environment.forEach((name, value) -> entries.add(name + "=" + value));
        List<String> sorted = DaemonSwitch.environment(entries, changes, daemonSwitch, true);
        // a name may start with '=' ("=C:", the drive's directory): the name ends at the next one
        sorted.sort(Comparator.comparing(entry -> entry.substring(0, entry.indexOf('=', 1)), WINDOWS_ORDER));
        StringBuilder block = new StringBuilder();
        sorted.forEach(entry -> block.append(entry).append('\0'));
        return block.append('\0').toString();
    }
}
