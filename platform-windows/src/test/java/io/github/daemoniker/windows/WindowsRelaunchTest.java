package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.LaunchCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsRelaunchTest {
    private static final io.github.daemoniker.internal.DaemonSwitch SWITCH = new io.github.daemoniker.internal.DaemonSwitch(
            "0123456789abcdef0123456789abcdef", new io.github.daemoniker.internal.DaemonSwitch.Channels(12, 34));

    @Test
    void theCommandLineIsJavawWithTheExactArgumentsQuotedTheWindowsWay() {
        Path javaw = Path.of("C:\\Program Files\\Java\\jdk-17\\bin\\javaw.exe");
        List<String> arguments = List.of("-cp", "C:\\My App\\lib\\*;C:\\x\\", "-Dquote=say \"hi\"", "app.Main",
                "", "trailing\\", "ünï cödé", "a\\\\\"b");
        String line = WindowsRelaunch.commandLine(javaw, new LaunchCommand("C:\\jdk\\bin\\java.exe", arguments));
        assertEquals(javaw.toString(), WindowsCommandLine.split(line).get(0));
        assertEquals(arguments, WindowsCommandLine.split(line).subList(1, arguments.size() + 1));
        assertEquals(arguments.size() + 1, WindowsCommandLine.split(line).size());
    }

    @Test
    void aJvmWithoutJavawForSleepersIsRefusedInOneSentence(@TempDir Path javaHome) throws Exception {
        DaemonizeException e = assertThrows(DaemonizeException.class, () -> WindowsRelaunch.javaw(javaHome));
        assertEquals("there is no " + javaHome.resolve("bin").resolve("javaw.exe") + ": Daemoniker makes its signal"
                + " sleepers of the running JVM's javaw.exe (they never run it); use a JDK or JRE that has one",
                e.getMessage());
        Files.createDirectories(javaHome.resolve("bin"));
        Files.createFile(javaHome.resolve("bin").resolve("javaw.exe"));
        assertEquals(javaHome.resolve("bin").resolve("javaw.exe"), WindowsRelaunch.javaw(javaHome));
    }

    @Test
    void theEnvironmentBlockIsSortedWithoutCaseAndCarriesOneSwitch() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Path", "C:\\Windows");
        environment.put("daemoniker_switch", "forged");
        environment.put("=C:", "C:\\work");
        environment.put("APPDATA", "C:\\Users\\me\\AppData\\Roaming");
        environment.put("windir", "C:\\Windows");
        String block = WindowsRelaunch.environmentBlock(environment, java.util.Map.of(), SWITCH);
        assertEquals("=C:=C:\\work\0APPDATA=C:\\Users\\me\\AppData\\Roaming\0DAEMONIKER_SWITCH=" + SWITCH.value() + "\0"
                + "Path=C:\\Windows\0windir=C:\\Windows\0\0", block);
    }

    @Test
    void namesAreSortedByTheirUpperCaseAsWindowsSortsThem() {
        String block = WindowsRelaunch.environmentBlock(java.util.Map.of("A_B", "1", "Ab", "2", "a", "3"), java.util.Map.of(), SWITCH);
        assertEquals("a=3\0Ab=2\0A_B=1\0DAEMONIKER_SWITCH=" + SWITCH.value() + "\0\0", block, "'B' (0x42) before '_' (0x5F)");
    }
}
