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
     * Whether the launcher is the JDK's {@code java} (or {@code javaw}), which takes JVM options in
     * its arguments; a native launcher (a jpackage app image's) takes them from its own
     * configuration, and treats every argument as the program's.
     */
    public boolean isJavaLauncher() {
        String name = java.nio.file.Path.of(executable).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.equals("java") || name.equals("javaw") || name.equals("java.exe") || name.equals("javaw.exe");
    }

    /** The JVM options before what runs, argument files ({@code @file}) among them; empty for a native launcher. */
    List<String> jvmOptions() {
        return isJavaLauncher() ? arguments.subList(0, whatRuns(null, null)) : List.of();
    }

    /** The {@code -jar} file this command runs, if it runs one. */
    java.util.Optional<String> jarFile() {
        int jar = jvmOptions().size();
        return jar + 1 < arguments.size() && arguments.get(jar).equals("-jar") ? java.util.Optional.of(arguments.get(jar + 1))
                : java.util.Optional.empty();
    }

    /**
     * The same command with {@code options} first among the JVM's own: where an argument file
     * hides the main class they still go in the right place. For the library's own additions
     * ({@link RelaunchChanges}), which no option of the user's overrides.
     */
    LaunchCommand withLeadingJvmOptions(List<String> options) {
        List<String> with = new java.util.ArrayList<>(options);
        with.addAll(arguments);
        return new LaunchCommand(executable, with);
    }

    /**
     * The same command without the program's own arguments: everything after the main class,
     * the {@code -jar} file, the {@code -m} module or the source file is dropped.
     */
    public LaunchCommand withoutProgramArguments() {
        int main = mainIndex("stripCmdArgs", "or do not strip arguments");
        String what = arguments.get(main);
        boolean named = what.equals("-jar") || what.equals("-m") || what.equals("--module");
        return new LaunchCommand(executable, arguments.subList(0, named ? Math.min(main + 2, arguments.size()) : main + 1));
    }

    /**
     * The same command with {@code options} (in this command's encoding) among the JVM's own, just
     * before the main class, {@code -jar} or {@code -m}: after the original JVM options, so that
     * of two {@code -Xmx} the daemon's wins.
     */
    public LaunchCommand withJvmOptions(List<String> options) {
        if (options.isEmpty()) {
            return this;
        }
        if (!isJavaLauncher()) {
            throw new DaemonizeException("DaemonOptions.jvmOptions cannot reach the JVM of the native launcher "
                    + executable + ", which takes its JVM options from its own configuration (a jpackage app image:"
                    + " its .cfg file, from jpackage --java-options): give them there, or leave jvmOptions unset");
        }
        int main = mainIndex("DaemonOptions.jvmOptions", "or give the daemon's JVM options in the argument file");
        List<String> with = new java.util.ArrayList<>(arguments.subList(0, main));
        with.addAll(options);
        with.addAll(arguments.subList(main, arguments.size()));
        return new LaunchCommand(executable, with);
    }

    /** The index of what runs: the main class, the source file, {@code -jar}, {@code -m} or {@code --module=}. */
    private int mainIndex(String forWhat, String orElse) {
        int main = whatRuns(forWhat, orElse);
        if (main == arguments.size()) {
            throw new DaemonizeException(forWhat + " found no main class, -jar file, module or source file"
                    + " in this JVM's command line " + arguments);
        }
        return main;
    }

    /**
     * The index of what runs, or the arguments' end if nothing does. An argument file on the way
     * may hold the main class: where {@code forWhat} is given, that is refused in one sentence;
     * otherwise the argument file is taken for JVM options and the scan goes on.
     */
    private int whatRuns(String forWhat, String orElse) {
        boolean argFiles = true;
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg.equals("--disable-@files")) {
                argFiles = false;
            } else if (argFiles && arg.startsWith("@")) {
                if (forWhat != null) {
                    throw new DaemonizeException(forWhat + " cannot tell the program's arguments from the JVM's"
                            + " when the main class may be inside the argument file " + arg
                            + ": name the main class on the command line, " + orElse);
                }
            } else if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module") || arg.startsWith("--module=")
                    || !arg.startsWith("-")) {
                return i;
            } else if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            }
        }
        return arguments.size();
    }
}
