package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonizeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelaunchChangesTest {
    private static final LaunchCommand JAVA = new LaunchCommand("/usr/lib/jvm/jdk/bin/java",
            List.of("-Xmx64m", "-cp", "app.jar", "app.Main", "--port", "80"));
    private static final DaemonPlan PLAN = new DaemonPlan(Path.of("/run/app.pid"), OptionValues.defaults());

    private static RelaunchChanges.Relaunch apply(LaunchCommand command, DaemonPlan plan, Map<String, String> env, int jdk) {
        return RelaunchChanges.apply(command, plan, env, jdk);
    }

    @Test
    void beforeJdk24NothingIsAdded() {
        assertEquals(JAVA, apply(JAVA, PLAN, Map.of(), 17).command());
        assertEquals(JAVA, apply(JAVA, PLAN, Map.of(), 23).command());
    }

    @Test
    void fromJdk24NativeAccessIsGivenFirstUnlessTheCommandLineSettlesIt() {
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-cp", "app.jar", "app.Main", "--port", "80"),
                apply(JAVA, PLAN, Map.of(), 25).command().arguments());
        LaunchCommand enabled = new LaunchCommand(JAVA.executable(), List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", "app.jar", "app.Main"));
        assertEquals(enabled, apply(enabled, PLAN, Map.of(), 25).command());
        LaunchCommand warned = new LaunchCommand(JAVA.executable(), List.of("--illegal-native-access=warn", "-cp", "a.jar", "M"));
        assertEquals(warned, apply(warned, PLAN, Map.of(), 25).command(), "the user's own choice");
        assertEquals(JAVA, apply(JAVA, PLAN, Map.of("JDK_JAVA_OPTIONS", "--enable-native-access=ALL-UNNAMED"), 25).command());
        // an argument file the command line names settles it too, as the launcher reads it
        LaunchCommand argFile = new LaunchCommand(JAVA.executable(), List.of("@" + writeArgs("--enable-native-access=ALL-UNNAMED\n-cp a.jar"), "M"));
        assertEquals(argFile, apply(argFile, PLAN, Map.of(), 25).command());
        // an argument of the program's is not the JVM's
        LaunchCommand programSays = new LaunchCommand(JAVA.executable(), List.of("-cp", "a.jar", "M", "--enable-native-access=x"));
        assertEquals("--enable-native-access=ALL-UNNAMED", apply(programSays, PLAN, Map.of(), 25).command().arguments().get(0));
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private String writeArgs(String text) {
        try {
            return java.nio.file.Files.writeString(dir.resolve("java.args"), text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNativeLauncherGetsNoJvmOption() {
        LaunchCommand app = new LaunchCommand("/opt/app/bin/App", List.of("--port", "80"));
        assertEquals(app, apply(app, PLAN, Map.of(), 25).command());
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> app.withJvmOptions(List.of("-Xmx1g")));
        assertEquals("DaemonOptions.jvmOptions cannot reach the JVM of the native launcher /opt/app/bin/App, which takes"
                + " its JVM options from its own configuration (a jpackage app image: its .cfg file, from jpackage"
                + " --java-options): give them there, or leave jvmOptions unset", e.getMessage());
    }

    @Test
    void theJpackageLaunchersMarkerIsRemovedFromTheDaemonsEnvironment() {
        DaemonPlan plan = apply(JAVA, PLAN, Map.of("_JPACKAGE_LAUNCHER", "1"), 17).plan();
        assertTrue(plan.get(Option.ENVIRONMENT).containsKey("_JPACKAGE_LAUNCHER"));
        assertEquals(null, plan.get(Option.ENVIRONMENT).get("_JPACKAGE_LAUNCHER"));
    }

    /** What daemoniker restart reads: what the relaunch added, where the original ran. */
    @Test
    void theOriginOfTheRelaunchIsInTheDaemonsEnvironment() {
        RelaunchChanges.Relaunch relaunch = apply(JAVA, PLAN, Map.of(), 25);
        String origin = relaunch.plan().get(Option.ENVIRONMENT).get(RelaunchOrigin.VARIABLE);
        assertEquals(RelaunchOrigin.of(JAVA, relaunch.command(), false, java.nio.file.Path.of("").toAbsolutePath()
                .toString()), RelaunchOrigin.parse(origin));
        assertEquals(java.util.Optional.of(JAVA.arguments()), RelaunchOrigin.parse(origin)
                .userArguments(relaunch.command().arguments()));
        assertEquals(List.of(0), RelaunchOrigin.parse(origin).added(), "--enable-native-access, first");
    }

    @Test
    void exactLeavesEverythingOutButADeniedAccessIsRefusedEitherWay() {
        DaemonPlan exact = new DaemonPlan(PLAN.pidFile(), PLAN.options().with(Option.EXACT_RELAUNCH, true));
        RelaunchChanges.Relaunch relaunch = apply(JAVA, exact, Map.of("_JPACKAGE_LAUNCHER", "1"), 25);
        assertEquals(JAVA, relaunch.command());
        assertEquals(exact, relaunch.plan());
        LaunchCommand denied = new LaunchCommand(JAVA.executable(), List.of("--illegal-native-access=deny", "-cp", "a.jar", "M"));
        for (DaemonPlan plan : List.of(PLAN, exact)) {
            DaemonizeException e = assertThrows(DaemonizeException.class, () -> apply(denied, plan, Map.of(), 25));
            assertEquals("this JVM denies native access (--illegal-native-access=deny), which the daemon's native layer"
                    + " (JNA) needs after ready: add --enable-native-access=ALL-UNNAMED to the command line", e.getMessage());
        }
    }
}
