package io.github.daemoniker.windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows command lines: one string that the child splits back into its arguments by the rules
 * of {@code CommandLineToArgvW} (and the C runtime); plain Java, so the Linux suite tests it too
 * (as OpenJDK keeps its Windows quoting in its Windows tree) — never POSIX quoting, which was
 * Daemoniker's bug.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    /** The command line that splits back into exactly {@code arguments} (argv[0] first). */
    public static String join(List<String> arguments) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            String argument = arguments.get(i);
            if (i == 0) {
                line.append(program(argument));
            } else {
                quote(argument, line);
            }
        }
        return line.toString();
    }

    /** argv[0] takes no backslash escapes: quoted whole, and it cannot hold a quote. */
    private static String program(String program) {
        if (program.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a program path cannot contain '\"' on Windows: " + program);
        }
        return program.isEmpty() || needsQuotes(program) ? "\"" + program + "\"" : program;
    }

    private static boolean needsQuotes(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '"') {
                return true;
            }
        }
        return false;
    }

    /**
     * Backslashes are literal unless they precede a quote: then each is doubled, as are those
     * before the closing quote.
     */
    private static void quote(String argument, StringBuilder line) {
        if (!argument.isEmpty() && !needsQuotes(argument)) {
            line.append(argument);
            return;
        }
        line.append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                line.append("\\".repeat(2 * backslashes + 1));
            } else {
                line.append("\\".repeat(backslashes));
            }
            backslashes = 0;
            line.append(c);
        }
        line.append("\\".repeat(2 * backslashes)).append('"');
    }

    /** Splits a command line as {@code CommandLineToArgvW} does. */
    public static List<String> split(String line) {
        List<String> arguments = new ArrayList<>();
        int i = 0;
        int n = line.length();
        // argv[0]: up to the next blank, or between quotes, with no escapes
        StringBuilder program = new StringBuilder();
        boolean quoted = false;
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                break;
            } else {
                program.append(c);
            }
        }
        arguments.add(program.toString());
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                return arguments;
            }
            StringBuilder argument = new StringBuilder();
            quoted = false;
            for (; i < n; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int backslashes = 0;
                    while (i < n && line.charAt(i) == '\\') {
                        backslashes++;
                        i++;
                    }
                    if (i < n && line.charAt(i) == '"') {
                        argument.append("\\".repeat(backslashes / 2));
                        if (backslashes % 2 == 1) {
                            argument.append('"');
                        } else {
                            i--; // the quote toggles, below, on the next turn
                        }
                    } else {
                        argument.append("\\".repeat(backslashes));
                        i--;
                    }
                } else if (c == '"') {
                    if (quoted && i + 1 < n && line.charAt(i + 1) == '"') {
                        argument.append('"');  // "" inside quotes: a literal quote
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (!quoted && (c == ' ' || c == '\t')) {
                    break;
                } else {
                    argument.append(c);
                }
            }
            arguments.add(argument.toString());
        }
    }
}
