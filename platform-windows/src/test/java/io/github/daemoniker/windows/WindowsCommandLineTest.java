package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Windows quoting, checked against the documented CommandLineToArgvW rules. */
class WindowsCommandLineTest {

    private static void roundTrips(String... arguments) {
        List<String> argv = List.of(arguments);
        String line = WindowsCommandLine.join(argv);
        assertEquals(argv, WindowsCommandLine.split(line), "through: " + line);
    }

    @Test
    void theDocumentedExamplesSplitAsWindowsSplitsThem() {
        assertEquals(List.of("p", "abc", "d", "e"), WindowsCommandLine.split("p \"abc\" d e"));
        assertEquals(List.of("p", "a\\\\\\b", "de fg", "h"), WindowsCommandLine.split("p a\\\\\\b d\"e f\"g h"));
        assertEquals(List.of("p", "a\\\"b", "c", "d"), WindowsCommandLine.split("p a\\\\\\\"b c d"));
        assertEquals(List.of("p", "a\\\\b c", "d", "e"), WindowsCommandLine.split("p a\\\\\\\\\"b c\" d e"));
        assertEquals(List.of("C:\\Program Files\\Java\\bin\\javaw.exe", "-jar", "app.jar"),
                WindowsCommandLine.split("\"C:\\Program Files\\Java\\bin\\javaw.exe\" -jar app.jar"));
    }

    @Test
    void plainArgumentsAreLeftAlone() {
        assertEquals("C:\\jdk\\bin\\javaw.exe -cp a.jar;b.jar Main --port=80",
                WindowsCommandLine.join(List.of("C:\\jdk\\bin\\javaw.exe", "-cp", "a.jar;b.jar", "Main", "--port=80")));
    }

    @Test
    void hostileArgumentsRoundTrip() {
        roundTrips("C:\\Program Files\\Java\\bin\\javaw.exe", "with space", "tab\there", "new\nline");
        roundTrips("javaw", "", "\"", "\"\"", "say \"hi\"", "x\"y");
        roundTrips("javaw", "C:\\dir\\", "C:\\dir with space\\", "\\\\server\\share\\", "\\", "\\\\", "a\\\\\"b");
        roundTrips("javaw", "ünïcødé", "日本語 テキスト", "emoji 😀", "%PATH%", "^&|<>()");
        roundTrips("javaw", "-Dx=\"quoted value\"", "@argfile", "--opt=a b\\\" c\\");
    }

    @Test
    void randomArgumentsRoundTrip() {
        Random random = new Random(42);
        String alphabet = "ab \t\"\\\\é日";
        for (int round = 0; round < 2000; round++) {
            List<String> argv = new ArrayList<>(List.of("javaw"));
            for (int a = random.nextInt(4); a >= 0; a--) {
                StringBuilder argument = new StringBuilder();
                for (int c = random.nextInt(8); c > 0; c--) {
                    argument.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                argv.add(argument.toString());
            }
            roundTrips(argv.toArray(new String[0]));
        }
    }

    @Test
    void aProgramPathWithAQuoteCannotBeExpressed() {
        assertThrows(IllegalArgumentException.class, () -> WindowsCommandLine.join(List.of("a\"b.exe", "x")));
    }
}
