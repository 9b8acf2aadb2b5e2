package io.github.daemoniker;

import io.github.daemoniker.internal.OwnedFile;
import io.github.daemoniker.internal.ProgramStart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A launchd job for a program (macOS): a daemon in {@code /Library/LaunchDaemons}, or an agent of
 * the user's own in {@code ~/Library/LaunchAgents}; kept alive, restarted when it exits with a
 * failure (never after a clean exit), its output in the log files given. Written reviewable and
 * idempotently, and only over a plist Daemoniker wrote; what {@code daemoniker service --launchd}
 * stands on. Written to launchd's documented keys; never run on a Mac by this project.
 *
 * <pre>{@code
 * LaunchdPlist job = LaunchdPlist.of("io.example.heartbeat", List.of("java", "-cp", "/opt/hb/hb.jar", "Heartbeat"))
 *         .logs(Path.of("/var/log/heartbeat.log"), Path.of("/var/log/heartbeat.log"));
 * System.out.print(job.text());
 * }</pre>
 */
public final class LaunchdPlist {
    /**
     * The comment every plist written here carries: only such a file is rewritten or removed. (No
     * double hyphen in it: XML forbids one in a comment.)
     */
    static final String MARK = "<!-- Written by Daemoniker (daemoniker service install, a launchd job): install it again"
            + " to change it. -->";

    private final String label;
    private final List<String> command;
    private final String user;
    private final String group;
    private final Path workingDirectory;
    private final Path stdout;
    private final Path stderr;
    private final boolean agent;

    private LaunchdPlist(String label, List<String> command, String user, String group, Path workingDirectory,
            Path stdout, Path stderr, boolean agent) {
        this.label = label;
        this.command = command;
        this.user = user;
        this.group = group;
        this.workingDirectory = workingDirectory;
        this.stdout = stdout;
        this.stderr = stderr;
        this.agent = agent;
    }

    /**
     * The job {@code label} running {@code command} (its program found on PATH now: launchd wants
     * an absolute path).
     *
     * @throws IllegalArgumentException for a label launchd would not take, or a value a plist cannot hold
     * @throws DaemonizeException for a program that is not on PATH or not executable
     */
    public static LaunchdPlist of(String label, List<String> command) {
        checkLabel(label);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the job's command must have a program");
        }
        command.forEach(word -> xmlText("an argument", word));
        List<String> absolute = new ArrayList<>(command);
        absolute.set(0, ProgramStart.locate(command.get(0)).toString());
        return new LaunchdPlist(label, List.copyOf(absolute), null, null, null, null, null, false);
    }

    /** Labels as launchd's own: reverse-DNS names of letters, digits, {@code . _ -}; no leading dot, no {@code ..}. */
    static void checkLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,200}") || label.contains("..")) {
            throw new IllegalArgumentException("'" + label.replaceAll("\\p{Cntrl}", "?") + "' is not a launchd label:"
                    + " use letters, digits and . _ - (reverse-DNS, such as io.example.app), no leading dot, no ..");
        }
    }

    /** Runs the daemon as {@code runAsUser} and {@code runAsGroup} (either may be {@code null}); a daemon's keys only. */
    public LaunchdPlist runAs(String runAsUser, String runAsGroup) {
        for (String account : new String[] {runAsUser, runAsGroup}) {
            if (account != null && !account.matches("[A-Za-z_][A-Za-z0-9_.-]{0,30}")) {
                throw new IllegalArgumentException("'" + account.replaceAll("\\p{Cntrl}", "?") + "' is not a user or"
                        + " group name a launchd job can hold: give a name of letters, digits, _ . -");
            }
        }
        return new LaunchdPlist(label, command, runAsUser, runAsGroup, workingDirectory, stdout, stderr, agent);
    }

    /** The job's working directory. */
    public LaunchdPlist workingDirectory(Path directory) {
        Path absolute = directory.toAbsolutePath();
        xmlText("the working directory", absolute.toString());
        return new LaunchdPlist(label, command, user, group, absolute, stdout, stderr, agent);
    }

    /** Where launchd sends the job's stdout and stderr (either may be {@code null}: nowhere). */
    public LaunchdPlist logs(Path out, Path err) {
        Path outPath = out == null ? null : out.toAbsolutePath();
        Path errPath = err == null ? null : err.toAbsolutePath();
        for (Path log : new Path[] {outPath, errPath}) {
            if (log != null) {
                xmlText("the log", log.toString());
            }
        }
        return new LaunchdPlist(label, command, user, group, workingDirectory, outPath, errPath, agent);
    }

    /** An agent of the calling user's, in {@code ~/Library/LaunchAgents}: no user or group of its own. */
    public LaunchdPlist userAgent() {
        return new LaunchdPlist(label, command, null, null, workingDirectory, stdout, stderr, true);
    }

    /** Whether this system's services are launchd jobs (macOS). */
    public static boolean isThisSystemsKind() {
        return io.github.daemoniker.internal.OperatingSystem.current() == io.github.daemoniker.internal.OperatingSystem.MAC;
    }

    /** The plist's file name: {@code LABEL.plist}. */
    public String fileName() {
        return label + ".plist";
    }

    /** Where launchd loads this job from. */
    public Path directory() {
        return directory(agent);
    }

    /** {@code /Library/LaunchDaemons}, or (an agent) {@code ~/Library/LaunchAgents}. */
    public static Path directory(boolean userAgent) {
        return userAgent ? Path.of(System.getProperty("user.home"), "Library", "LaunchAgents")
                : Path.of("/Library/LaunchDaemons");
    }

    /** The plist, as it would be written. */
    public String text() {
        StringBuilder plist = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(MARK).append('\n')
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                        + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<plist version=\"1.0\">\n<dict>\n");
        key(plist, "Label").append("    <string>").append(escaped(label)).append("</string>\n");
        key(plist, "ProgramArguments").append("    <array>\n");
        for (String word : command) {
            plist.append("        <string>").append(escaped(word)).append("</string>\n");
        }
        plist.append("    </array>\n");
        key(plist, "RunAtLoad").append("    <true/>\n");
        // restarted after a failure, not after a clean exit; a stop by SIGTERM ends a JVM with 143,
        // which launchd takes for a failure: DaemonOptions.exitZeroOnStop makes it 0
        key(plist, "KeepAlive").append("    <dict>\n        <key>SuccessfulExit</key>\n        <false/>\n    </dict>\n");
        key(plist, "ThrottleInterval").append("    <integer>5</integer>\n");
        optional(plist, "WorkingDirectory", workingDirectory);
        optional(plist, "StandardOutPath", stdout);
        optional(plist, "StandardErrorPath", stderr);
        if (user != null) {
            key(plist, "UserName").append("    <string>").append(escaped(user)).append("</string>\n");
        }
        if (group != null) {
            key(plist, "GroupName").append("    <string>").append(escaped(group)).append("</string>\n");
        }
        return plist.append("</dict>\n</plist>\n").toString();
    }

    private static StringBuilder key(StringBuilder plist, String key) {
        return plist.append("    <key>").append(key).append("</key>\n");
    }

    private static void optional(StringBuilder plist, String key, Path path) {
        if (path != null) {
            key(plist, key).append("    <string>").append(escaped(path.toString())).append("</string>\n");
        }
    }

    /** Refuses what XML 1.0 cannot hold, or would not give back as it was (a carriage return becomes a line feed). */
    private static String xmlText(String what, String text) {
        if (text.chars().anyMatch(c -> c < ' ' && c != '\t' && c != '\n' || c == 0xfffe || c == 0xffff)) {
            throw new IllegalArgumentException(what + " '" + text.replaceAll("\\p{Cntrl}", "?") + "' holds a control"
                    + " character a plist cannot hold as it is: give it without one");
        }
        return text;
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Writes the plist into {@code directory} (whole, through a temporary file), 0644 as launchd
     * wants: one already there and the same is left as it is; one that Daemoniker did not write is
     * never replaced.
     *
     * @return what was done, in one sentence with what to run next
     * @throws DaemonikerException if a plist Daemoniker did not write is there, or it cannot be written
     */
    public String install(Path directory) {
        OwnedFile file = new OwnedFile(directory.resolve(fileName()), MARK, "plist", "label");
        if (file.holds(text())) {
            return "unchanged: " + file.file() + " is already this job";
        }
        file.write(text());
        return "installed " + file.file() + ": now run launchctl bootstrap " + (agent ? "gui/$(id -u)" : "system") + " "
                + file.file();
    }

    /**
     * Removes the plist {@code label} from {@code directory}, if Daemoniker wrote it.
     *
     * @return what was done, in one sentence
     * @throws DaemonikerException for a plist Daemoniker did not write, which is left as it is
     */
    public static String uninstall(String label, Path directory) {
        checkLabel(label);
        OwnedFile file = new OwnedFile(directory.resolve(label + ".plist"), MARK, "plist", "label");
        return file.remove() ? "removed " + file.file() + " (unload it first if it ran: launchctl bootout with its domain"
                + " and " + label + ")" : "not installed: there is no " + file.file();
    }
}
