package io.github.daemoniker.cli;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Signal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * A logrotate configuration for a daemon's logs, in logrotate's {@code create} mode: each log is
 * moved away, a new one is created, and the daemon is told to open its logs again
 * ({@code DaemonOptions.reopenLogsOn}), so that no line is lost or cut, as logrotate's
 * {@code copytruncate} would under load. Every value is written quoted, or refused in one sentence.
 */
final class LogrotateSnippet {
    /** The first line of every snippet written here. */
    static final String MARK = "# Written by Daemoniker (daemoniker service logrotate)";

    private LogrotateSnippet() {
    }

    static String text(Path pidFile, Signal signal, List<Path> logs) {
        // the daemon's own rule for the signal: any other would not reopen its logs, and could end it
        DaemonOptions.builder().reopenLogsOn(signal);
        StringBuilder text = new StringBuilder(MARK).append(": the daemon opens its logs again on ").append(signal)
                .append(" (DaemonOptions.reopenLogsOn), so no line is lost; put it in /etc/logrotate.d/.\n");
        for (Path log : logs) {
            text.append(quotedPath(log.toAbsolutePath().toString())).append('\n');
        }
        text.append("{\n    daily\n    rotate 14\n    missingok\n    notifempty\n    compress\n    delaycompress\n")
                .append("    create\n    sharedscripts\n    postrotate\n        ")
                .append(String.join(" ", List.of(shellWord(javaCommand()), "-jar", shellWord(ownJar()), "send",
                        "--pid-file", shellWord(pidFile.toAbsolutePath().toString()), signal.name().substring(3))))
                .append(" > /dev/null\n    endscript\n}\n");
        return text.toString();
    }

    /** A log's path as logrotate reads it: in double quotes, with nothing it would take for a pattern or an end. */
    private static String quotedPath(String path) {
        if (path.chars().anyMatch(c -> c < ' ' || c == 0x7f || c == '"' || c == '\\' || c == '*' || c == '?'
                || c == '[' || c == '{' || c == '}')) {
            throw new IllegalArgumentException("the log " + path.replaceAll("\\p{Cntrl}", "?") + " cannot be written into"
                    + " a logrotate configuration as it is (a control character, a quote, a backslash, or a pattern"
                    + " character logrotate would expand): give a plain path");
        }
        return "\"" + path + "\"";
    }

    /** One word for /bin/sh, which runs postrotate: in single quotes, a quote in it closed and reopened. */
    private static String shellWord(String word) {
        if (word.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("'" + word.replaceAll("\\p{Cntrl}", "?") + "' holds a line break,"
                    + " which a logrotate script cannot hold: give a plain path");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** This JVM's own java. */
    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar this tool runs from. */
    private static String ownJar() {
        try {
            return Path.of(LogrotateSnippet.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the tool cannot tell which jar it runs from: " + e.getMessage(), e);
        }
    }
}
