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
import java.util.TreeMap;

/**
 * What a Windows relaunch starts, worked out in plain Java (tested on Linux too): {@code javaw.exe} of the running
 * JVM (no console window) in place of {@code java.exe}, the original command line quoted by
 * Windows' rules, and the environment block with the switch in it.
 */
public final class WindowsRelaunch {

    private WindowsRelaunch() {
    }

    /**
     * The program a JVM started by {@code executable} is relaunched with: {@code javaw.exe} in
     * place of {@code java.exe}; any other (javaw itself, an application's own launcher) as it is.
     */
    public static Path program(Path executable, Path javaHome) {
        return executable.getFileName().toString().equalsIgnoreCase("java.exe") ? javaw(javaHome) : executable;
    }

    /** The {@code javaw.exe} next to the running JVM's {@code java.exe}. */
    public static Path javaw(Path javaHome) {
        Path javaw = javaHome.resolve("bin").resolve("javaw.exe");
        if (!Files.isRegularFile(javaw)) {
            throw new DaemonizeException("there is no " + javaw + ": Daemoniker relaunches the daemon with the"
                    + " running JVM's javaw.exe, so that it has no console window; use a JDK or JRE that has one");
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
    public static String environmentBlock(Map<String, String> environment, String switchValue) {
        Map<String, String> sorted = new TreeMap<>(WINDOWS_ORDER);
        sorted.putAll(environment);
        sorted.remove(DaemonSwitch.VARIABLE);
        sorted.put(DaemonSwitch.VARIABLE, switchValue);
        StringBuilder block = new StringBuilder();
        sorted.forEach((name, value) -> block.append(name).append('=').append(value).append('\0'));
        return block.append('\0').toString();
    }
}
