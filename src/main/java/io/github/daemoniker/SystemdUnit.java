package io.github.daemoniker;

import io.github.daemoniker.internal.ProgramStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A systemd service for a program that uses Daemoniker (or any program that tells systemd it is
 * ready): {@code Type=notify} — under systemd the library stays in the foreground and sends
 * {@code READY=1} and {@code STOPPING=1} itself —, restarted on failure, a SIGTERM stop counted as
 * clean, and a hardening baseline. Written reviewable and idempotently; what the
 * {@code daemoniker service} command stands on.
 *
 * <pre>{@code
 * SystemdUnit unit = SystemdUnit.of("heartbeat", List.of("java", "-cp", "/opt/hb/hb.jar", "Heartbeat"))
 *         .runAs("heartbeat", null);
 * System.out.print(unit.text());                     // review it
 * System.out.println(unit.install(unit.directory())); // /etc/systemd/system/heartbeat.service
 * }</pre>
 */
public final class SystemdUnit {
    /** The first line of every unit written here: only such a file is rewritten or removed. */
    static final String MARK = "# Written by Daemoniker (daemoniker service install): install it again to change it.";

    private final String name;
    private final List<String> command;
    private final String user;
    private final String group;
    private final Path workingDirectory;
    private final boolean userMode;

    private SystemdUnit(String name, List<String> command, String user, String group, Path workingDirectory,
            boolean userMode) {
        this.name = name;
        this.command = command;
        this.user = user;
        this.group = group;
        this.workingDirectory = workingDirectory;
        this.userMode = userMode;
    }

    /**
     * The service {@code name} running {@code command} (its program found on PATH now, as
     * systemd wants an absolute path).
     *
     * @throws IllegalArgumentException for a name systemd would not take, or an argument with a line break
     * @throws DaemonizeException for a program that is not on PATH or not executable
     */
    public static SystemdUnit of(String name, List<String> command) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9:_.@\\\\-]+") || name.endsWith(".service")) {
            throw new IllegalArgumentException("'" + name + "' is not a service name: use letters, digits and"
                    + " : _ . @ - (without .service)");
        }
        if (command.isEmpty() || command.stream().anyMatch(arg -> arg.indexOf('\n') >= 0 || arg.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("the service's command must have a program, and no argument may hold"
                    + " a line break");
        }
        List<String> absolute = new ArrayList<>(command);
        absolute.set(0, ProgramStart.locate(command.get(0)).toString());
        return new SystemdUnit(name, List.copyOf(absolute), null, null, null, false);
    }

    /** Runs the service as {@code user} and {@code group} (either may be {@code null}: root's, or the user's own group). */
    public SystemdUnit runAs(String runAsUser, String runAsGroup) {
        return new SystemdUnit(name, command, runAsUser, runAsGroup, workingDirectory, userMode);
    }

    /** The service's working directory (by default systemd's: the root directory). */
    public SystemdUnit workingDirectory(Path directory) {
        return new SystemdUnit(name, command, user, group, directory.toAbsolutePath(), userMode);
    }

    /**
     * A service of the calling user's own systemd ({@code systemctl --user}): no user or group,
     * started with the user's session. To keep it running after logout: {@code loginctl enable-linger}.
     */
    public SystemdUnit userMode() {
        return new SystemdUnit(name, command, null, null, workingDirectory, true);
    }

    /** The unit file's name: {@code NAME.service}. */
    public String fileName() {
        return name + ".service";
    }

    /** Where systemd looks for this unit. */
    public Path directory() {
        return directory(userMode);
    }

    /** Where systemd looks for units: {@code /etc/systemd/system}, or (user mode) {@code ~/.config/systemd/user}. */
    public static Path directory(boolean userMode) {
        return userMode ? Path.of(System.getProperty("user.home"), ".config", "systemd", "user")
                : Path.of("/etc/systemd/system");
    }

    /** The unit, as it would be written. */
    public String text() {
        StringBuilder unit = new StringBuilder(MARK).append('\n');
        unit.append("[Unit]\n");
        unit.append("Description=").append(name).append(" (a Daemoniker service)\n");
        if (!userMode) {
            unit.append("Wants=network-online.target\nAfter=network-online.target\n");
        }
        unit.append("\n[Service]\n");
        // Daemoniker stays in the foreground under systemd and says READY=1 with its MAINPID itself
        unit.append("Type=notify\nNotifyAccess=main\n");
        unit.append("ExecStart=").append(String.join(" ", command.stream().map(SystemdUnit::quoted).toList())).append('\n');
        if (workingDirectory != null) {
            // a path as it is (no quotes there), its specifiers made literal
            unit.append("WorkingDirectory=").append(workingDirectory.toString().replace("%", "%%")).append('\n');
        }
        if (user != null) {
            unit.append("User=").append(user).append('\n');
        }
        if (group != null) {
            unit.append("Group=").append(group).append('\n');
        }
        unit.append("Restart=on-failure\nRestartSec=5\n");
        // a JVM ended by SIGTERM exits 128 + 15; DaemonOptions.exitZeroOnStop makes it 0
        unit.append("SuccessExitStatus=143\n");
        unit.append("NoNewPrivileges=yes\nPrivateTmp=yes\n");
        if (!userMode) {
            unit.append("ProtectSystem=full\n");
        }
        unit.append("\n[Install]\nWantedBy=").append(userMode ? "default.target" : "multi-user.target").append('\n');
        return unit.toString();
    }

    /**
     * Writes the unit into {@code directory} (whole, through a temporary file): a unit already
     * there and the same is left as it is; one that Daemoniker did not write is never replaced.
     *
     * @return what was done, in one sentence with what to run next
     * @throws DaemonikerException if a unit of the same name that Daemoniker did not write is there, or it cannot be written
     */
    public String install(Path directory) {
        Path file = directory.resolve(fileName());
        String systemctl = userMode ? "systemctl --user" : "systemctl";
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                String existing = ours(file);
                if (existing.equals(text())) {
                    return "unchanged: " + file + " is already this unit";
                }
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + fileName(), ".tmp");
            try {
                Files.writeString(temporary, text(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new DaemonikerException("the unit " + file + " could not be written: " + e.getMessage(), e);
        }
        return "installed " + file + ": now run " + systemctl + " daemon-reload && " + systemctl + " enable --now "
                + name + (userMode ? " (and loginctl enable-linger, to keep it running after logout)" : "");
    }

    /**
     * Removes the unit {@code name} from {@code directory}, if Daemoniker wrote it.
     *
     * @return what was done, in one sentence
     * @throws DaemonikerException for a unit Daemoniker did not write, which is left as it is
     */
    public static String uninstall(String name, Path directory) {
        Path file = directory.resolve(name + ".service");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return "not installed: there is no " + file;
        }
        try {
            ours(file);
            Files.delete(file);
        } catch (IOException e) {
            throw new DaemonikerException("the unit " + file + " could not be removed: " + e.getMessage(), e);
        }
        return "removed " + file + " (stop and disable it first if it ran: systemctl disable --now " + name + ")";
    }

    /** The content of {@code file} if Daemoniker wrote it: a regular file, small, with the mark. */
    private static String ours(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 64 * 1024
                || !Files.readString(file, StandardCharsets.ISO_8859_1).startsWith(MARK + "\n")) {
            throw new DaemonikerException("the unit " + file + " was not written by Daemoniker: it is left as it is;"
                    + " choose another name, or remove it yourself");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** One ExecStart word: systemd's quoting, its specifiers ({@code %}) and variables ({@code $}) made literal. */
    static String quoted(String word) {
        String literal = word.replace("%", "%%").replace("$", "$$");
        if (!literal.isEmpty() && literal.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == ';')) {
            return literal;
        }
        return "\"" + literal.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
