package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Daemonizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Everything the library changes in a relaunch, all here: each alters nothing the program does,
 * is visible (in {@code ps} or the daemon's environment) and listed in the README, and all are
 * left out with {@code DaemonOptions.exactRelaunch}.
 * <ul>
 * <li>{@code --enable-native-access} for the library's native layer (JNA), first among the JVM
 *     options, on JDK 24 and later, where the command line does not settle native access itself:
 *     JNA would otherwise warn in every daemon's log, and fail where access is denied.</li>
 * <li>The jpackage launcher's marker {@code _JPACKAGE_LAUNCHER} removed from the environment: a
 *     relaunched app image launcher that finds it takes its first argument for the main class.</li>
 * <li>{@code DAEMONIKER_ORIGIN} added to the environment ({@link RelaunchOrigin}): what
 *     {@code daemoniker restart} needs to run the user's own command again.</li>
 * </ul>
 * Where native access is denied ({@code --illegal-native-access=deny}) and not given to the
 * library, the start is refused in one sentence, exact or not: the daemon would die after ready.
 */
final class RelaunchChanges {
    static final String JPACKAGE_MARKER = "_JPACKAGE_LAUNCHER";
    private static final String ENABLE = "--enable-native-access";
    private static final String ILLEGAL = "--illegal-native-access";

    private RelaunchChanges() {
    }

    /** The command and plan as relaunched. */
    record Relaunch(LaunchCommand command, DaemonPlan plan) {
    }

    static Relaunch apply(LaunchCommand command, DaemonPlan plan, Map<String, String> environment, int jdk) {
        // before JDK 24 nothing warns or is denied: nothing to settle, nothing to read
        String settled = jdk >= 24 ? nativeAccessSettings(command, environment) : "";
        if (jdk >= 24 && settled.contains(ILLEGAL + "=deny") && !settled.contains(ENABLE)) {
            throw new DaemonizeException("this JVM denies native access (" + ILLEGAL + "=deny), which the daemon's"
                    + " native layer (JNA) needs after ready: add " + ENABLE + "=" + libraryModules()
                    + " to the command line");
        }
        if (plan.get(Option.EXACT_RELAUNCH)) {
            return new Relaunch(command, plan);
        }
        if (environment.containsKey(JPACKAGE_MARKER) && !plan.get(Option.ENVIRONMENT).containsKey(JPACKAGE_MARKER)) {
            Map<String, String> changes = new LinkedHashMap<>(plan.get(Option.ENVIRONMENT));
            changes.put(JPACKAGE_MARKER, null);
            plan = new DaemonPlan(plan.pidFile(), plan.options().with(Option.ENVIRONMENT, changes));
        }
        LaunchCommand original = command;
        if (jdk >= 24 && command.isJavaLauncher() && settled.isEmpty()) {
            command = command.withLeadingJvmOptions(List.of(ENABLE + "=" + libraryModules()));
        }
        // as the relaunch will run it, jvmOptions added (by each launcher: their positions are the same)
        RelaunchOrigin origin = RelaunchOrigin.of(original, command.withJvmOptions(plan.get(Option.JVM_OPTIONS)),
                plan.get(Option.STRIP_CMD_ARGS), Path.of("").toAbsolutePath().toString());
        Map<String, String> changes = new LinkedHashMap<>(plan.get(Option.ENVIRONMENT));
        changes.put(RelaunchOrigin.VARIABLE, origin.value());
        plan = new DaemonPlan(plan.pidFile(), plan.options().with(Option.ENVIRONMENT, changes));
        return new Relaunch(command, plan);
    }

    /**
     * What settles native access already, as one text: the command line's JVM options, the
     * launcher's and the VM's environment variables, a {@code -jar} file's manifest; empty if nothing does.
     */
    static String nativeAccessSettings(LaunchCommand command, Map<String, String> environment) {
        StringBuilder found = new StringBuilder();
        for (String option : command.jvmOptions()) {
            String text = option.startsWith("@") && !option.startsWith("@@") ? argumentFile(option.substring(1)) : option;
            if (text.contains(ENABLE) || text.contains(ILLEGAL)) {
                found.append(text).append(' ');
            }
        }
        for (String variable : new String[] {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"}) {
            String value = environment.getOrDefault(variable, "");
            if (value.contains(ENABLE) || value.contains(ILLEGAL)) {
                found.append(value).append(' ');
            }
        }
        if (command.jarFile().isPresent()) {
            try (JarFile jar = new JarFile(command.jarFile().get())) {
                if (jar.getManifest() != null
                        && jar.getManifest().getMainAttributes().getValue("Enable-Native-Access") != null) {
                    found.append(ENABLE).append(" (the jar's manifest)");
                }
            } catch (IOException e) {
                // the launcher read it; if this process cannot, the option is added, which changes nothing
            }
        }
        return found.toString();
    }

    /**
     * What an argument file holds, as the launcher read it (the first 64 KiB: an option file is
     * short); nothing where it cannot be read now.
     */
    private static String argumentFile(String path) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(path))) {
            return new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The modules whose native access JNA needs: its own where it is a named module, else the class path's. */
    private static String libraryModules() {
        return Daemonizer.class.getModule().isNamed() ? "com.sun.jna" : "ALL-UNNAMED";
    }
}
