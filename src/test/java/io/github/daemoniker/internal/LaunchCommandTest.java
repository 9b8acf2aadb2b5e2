package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonizeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {

    private static List<String> strip(String... args) {
        return new LaunchCommand("/usr/bin/java", List.of(args)).withoutProgramArguments().arguments();
    }

    @Test
    void keepsEverythingUpToTheMainClass() {
        assertEquals(List.of("-Xmx64m", "-cp", "a.jar:b.jar", "-Dx=y", "com.example.Main"),
                strip("-Xmx64m", "-cp", "a.jar:b.jar", "-Dx=y", "com.example.Main", "--port", "80"));
    }

    @Test
    void optionValuesThatLookLikeMainClassesAreSkipped() {
        assertEquals(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-p", "mods", "--add-modules",
                        "x", "Main"),
                strip("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-p", "mods", "--add-modules", "x", "Main",
                        "arg"));
    }

    @Test
    void jarModuleAndSourceForms() {
        assertEquals(List.of("-jar", "app.jar"), strip("-jar", "app.jar", "a", "b"));
        assertEquals(List.of("-p", "mods", "-m", "app/app.Main"), strip("-p", "mods", "-m", "app/app.Main", "x"));
        assertEquals(List.of("--module=app/app.Main"), strip("--module=app/app.Main", "x"));
        assertEquals(List.of("--module", "app"), strip("--module", "app", "x"));
        assertEquals(List.of("-cp", "lib", "Main.java"), strip("-cp", "lib", "Main.java", "x"));
    }

    @Test
    void nothingToStripIsFine() {
        assertEquals(List.of("-cp", "x", "Main"), strip("-cp", "x", "Main"));
    }

    @Test
    void anArgumentFileBeforeTheMainClassCannotBeStrippedSafely() {
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> strip("@java.args", "Main", "x"));
        assertTrue(e.getMessage().contains("argument file @java.args"), e.getMessage());
        assertEquals(List.of("--disable-@files", "@literal"), strip("--disable-@files", "@literal", "x"));
    }

    @Test
    void aCommandLineWithoutAMainClassIsAnError() {
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> strip("-cp", "x", "-Dy=z"));
        assertTrue(e.getMessage().startsWith("stripCmdArgs found no main class"), e.getMessage());
    }

    private static List<String> withOptions(String... arguments) {
        return new LaunchCommand("/usr/bin/java", List.of(arguments)).withJvmOptions(List.of("-Xmx2g", "-Dd=1"))
                .arguments();
    }

    @Test
    void theDaemonsJvmOptionsGoAfterTheOriginalOnesAndBeforeWhatRuns() {
        assertEquals(List.of("-Xmx64m", "-cp", "x", "-Xmx2g", "-Dd=1", "Main", "a"), withOptions("-Xmx64m", "-cp", "x", "Main", "a"));
        assertEquals(List.of("-Dx", "-Xmx2g", "-Dd=1", "-jar", "app.jar", "-v"), withOptions("-Dx", "-jar", "app.jar", "-v"));
        assertEquals(List.of("-p", "m", "-Xmx2g", "-Dd=1", "-m", "a/b.Main"), withOptions("-p", "m", "-m", "a/b.Main"));
        assertEquals(List.of("-Xmx2g", "-Dd=1", "Tool.java", "x"), withOptions("Tool.java", "x"));
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> withOptions("@java.args"));
        assertEquals("DaemonOptions.jvmOptions cannot tell the program's arguments from the JVM's when the main class"
                + " may be inside the argument file @java.args: name the main class on the command line, or give the"
                + " daemon's JVM options in the argument file", e.getMessage());
        LaunchCommand same = new LaunchCommand("/usr/bin/java", List.of("@java.args"));
        assertEquals(same, same.withJvmOptions(List.of()), "no options: the command as it was, argument files and all");
    }
}
