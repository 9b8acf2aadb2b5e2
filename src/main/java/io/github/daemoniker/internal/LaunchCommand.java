package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.util.List;
import java.util.Set;

/**
 * A JVM's command line: the launcher binary and its arguments (argv without argv[0]), exactly as
 * the operating system holds them: on Unix, byte strings of one char per byte (ISO-8859-1), so
 * that no locale can change them on their way to the relaunched JVM; on Windows, UTF-16 text.
 */
public record LaunchCommand(String executable, List<String> arguments) {

    /** Launcher options that take their value as the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of(
            "-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
            "--patch-module", "--enable-native-access", "--source", "-d", "--describe-module");

    public LaunchCommand {
        arguments = List.copyOf(arguments);
    }

    /**
     * The same command without the program's own arguments: everything after the main class,
     * the {@code -jar} file, the {@code -m} module or the source file is dropped.
     */
    public LaunchCommand withoutProgramArguments() {
        return new LaunchCommand(executable, arguments.subList(0, programArgumentsStart()));
    }

    private int programArgumentsStart() {
        boolean argFiles = true;
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg.equals("--disable-@files")) {
                argFiles = false;
            } else if (argFiles && arg.startsWith("@")) {
                throw new DaemonizeException("stripCmdArgs cannot tell the program's arguments from the JVM's"
                        + " when the main class may be inside the argument file " + arg
                        + ": name the main class on the command line, or do not strip arguments");
            } else if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module")) {
                return Math.min(i + 2, arguments.size());
            } else if (arg.startsWith("--module=")) {
                return i + 1;
            } else if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return i + 1;
            }
        }
        throw new DaemonizeException("stripCmdArgs found no main class, -jar file, module or source file"
                + " in this JVM's command line " + arguments);
    }
}
