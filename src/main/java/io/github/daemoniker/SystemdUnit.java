package io.github.daemoniker;

import io.github.daemoniker.internal.DaemonikerProgram;
import io.github.daemoniker.internal.OwnedFile;
import io.github.daemoniker.internal.ProgramStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A systemd service for a program: {@code Type=notify} for a Java program with Daemoniker on its
 * class path — under systemd the library stays in the foreground and sends {@code READY=1} and
 * {@code STOPPING=1} itself —, {@code Type=exec} for any other (or as {@link #type} says);
 * restarted on failure, a SIGTERM stop counted as clean, and a hardening baseline
 * ({@code PrivateTmp} left out where it would hide the program's own files). Written reviewable and idempotently; what the
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
    /** As asked; {@code null}: told from the command. */
    private final Type type;
    /** A port, with an IPv4 address or a bracketed IPv6 one before it, as ListenStream= takes them. */
    private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile(
            "(?:(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|\\[[0-9A-Fa-f:.]+\\]):)?([0-9]{1,5})");
    /** systemd's {@code WatchdogSec=}; {@code null}: none. */
    private final Duration watchdog;
    /** The socket unit's {@code ListenStream=}; {@code null}: no socket unit. */
    private final String listen;

    /** How systemd knows the service is up. */
    public enum Type {
        /** The program says READY=1 itself, as a Java program with Daemoniker on its class path does. */
        NOTIFY,
        /** Up once the program has been executed: for any other program, which says nothing. */
        EXEC
    }

    private SystemdUnit(String name, List<String> command, String user, String group, Path workingDirectory,
            boolean userMode, Type type, Duration watchdog, String listen) {
        this.name = name;
        this.command = command;
        this.user = user;
        this.group = group;
        this.workingDirectory = workingDirectory;
        this.userMode = userMode;
        this.type = type;
        this.watchdog = watchdog;
        this.listen = listen;
    }

    /**
     * The service {@code name} running {@code command} (its program found on PATH now, as
     * systemd wants an absolute path).
     *
     * @throws IllegalArgumentException for a name systemd would not take, or an argument with a line break
     * @throws DaemonizeException for a program that is not on PATH or not executable
     */
    public static SystemdUnit of(String name, List<String> command) {
        checkName(name);
        if (command.isEmpty() || command.stream().anyMatch(arg -> arg.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("the service's command must have a program, and no argument may hold"
                    + " a NUL character");
        }
        List<String> absolute = new ArrayList<>(command);
        absolute.set(0, ProgramStart.locate(command.get(0)).toString());
        return new SystemdUnit(name, List.copyOf(absolute), null, null, null, false, null, null, null);
    }

    /**
     * Refuses a name that is not a plain service's under systemd's rules: letters, digits and
     * {@code : _ . -}, a backslash only in the {@code \xNN} escapes of systemd-escape; no {@code @}
     * (templates and their instances are systemd's to name), no leading {@code -}, no {@code ..}, at
     * most 255 characters with {@code .service}.
     */
    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('@') >= 0) {
            throw new IllegalArgumentException("'" + printable(name) + "' has an @, which makes it a systemd template or an"
                    + " instance of one: Daemoniker writes plain services; choose a name without @");
        }
        if (!name.matches("(?:[A-Za-z0-9:_.]|-|\\\\x[0-9a-fA-F]{2})+") || name.startsWith("-") || name.contains("..")
                || name.endsWith(".service") || name.length() + ".service".length() > 255) {
            throw new IllegalArgumentException("'" + printable(name) + "' is not a service name: use letters, digits and"
                    + " : _ . - (no leading -, no .., \\xNN only as systemd-escape writes it, at most 247 characters,"
                    + " without .service)");
        }
    }

    /**
     * Runs the service as {@code user} and {@code group} (either may be {@code null}: root's, or the
     * user's own group): names or numeric ids.
     *
     * @throws IllegalArgumentException for a name a unit cannot hold as it is
     */
    public SystemdUnit runAs(String runAsUser, String runAsGroup) {
        return new SystemdUnit(name, command, checkAccount("user", runAsUser), checkAccount("group", runAsGroup),
                workingDirectory, userMode, type, watchdog, listen);
    }

    /**
     * The service's working directory (by default systemd's: the root directory).
     *
     * @throws IllegalArgumentException for a path a unit cannot hold as it is: control characters,
     *         blanks at either end, a backslash at its end (systemd would join the next line)
     */
    public SystemdUnit workingDirectory(Path directory) {
        String path = directory.toAbsolutePath().toString();
        if (path.chars().anyMatch(c -> c < ' ' || c == 0x7f) || !path.equals(path.strip()) || path.endsWith("\\")) {
            throw new IllegalArgumentException("the working directory '" + printable(path) + "' cannot be written into"
                    + " a unit as it is (a control character, a blank at an end, or a backslash at its end): choose"
                    + " a plain path");
        }
        return new SystemdUnit(name, command, user, group, directory.toAbsolutePath(), userMode, type, watchdog, listen);
    }

    /** A user or group name as systemd takes it (or a numeric id); {@code null} stays null. */
    private static String checkAccount(String what, String account) {
        if (account != null && !account.matches("[0-9]+|[A-Za-z_][A-Za-z0-9_.-]{0,30}")) {
            throw new IllegalArgumentException("'" + printable(account) + "' is not a " + what + " name a unit can"
                    + " hold: give a name of letters, digits, _ . - (not starting with a digit or -) or a numeric id");
        }
        return account;
    }

    /** Control characters shown as escapes, so that a message stays one line. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return shown.toString();
    }

    /**
     * A service of the calling user's own systemd ({@code systemctl --user}): no user or group,
     * started with the user's session. To keep it running after logout: {@code loginctl enable-linger}.
     */
    public SystemdUnit userMode() {
        return new SystemdUnit(name, command, null, null, workingDirectory, true, type, watchdog, listen);
    }

    /**
     * How systemd knows the service is up, instead of telling it from the command: {@code notify}
     * only for a program that says READY=1 (a unit waiting for a message that never comes fails
     * at its start timeout, and restarts for ever), {@code exec} for any other.
     */
    public SystemdUnit type(Type readiness) {
        return new SystemdUnit(name, command, user, group, workingDirectory, userMode, Objects.requireNonNull(readiness),
                watchdog, listen);
    }

    /**
     * systemd's watchdog ({@code WatchdogSec=}): the service is ended (SIGABRT) and restarted when
     * it has not said {@code WATCHDOG=1} for {@code interval}, as a Daemoniker app does at half the
     * interval while its {@link Daemoniker#watchdog health check} passes. Only for a
     * {@link Type#NOTIFY} unit: any other program says nothing, and would be ended every interval.
     *
     * @throws IllegalArgumentException for an interval under a second
     */
    public SystemdUnit watchdog(Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a watchdog interval of " + interval.toMillis() + " ms is too short: the"
                    + " daemon is told at half of it, and a JVM may stand still longer (give 1 s or more)");
        }
        return new SystemdUnit(name, command, user, group, workingDirectory, userMode, type, interval, listen);
    }

    /**
     * A socket unit beside the service ({@code NAME.socket}, {@code ListenStream=address}): systemd
     * listens, and starts the service on the first connection, handing it the socket
     * ({@code LISTEN_FDS}), which a Daemoniker app takes with {@link Daemoniker#listeningChannel()}.
     * The service requires it, so starting the service starts it too.
     *
     * @param address a port ({@code 8080}), {@code host:port}, {@code [v6]:port}, or an absolute path
     *        for a Unix-domain socket
     * @throws IllegalArgumentException for anything else
     */
    public SystemdUnit listen(String address) {
        boolean path = address.startsWith("/") && address.chars().noneMatch(c -> c <= ' ' || c == 0x7f || c == '\\')
                && address.length() < 108;
        java.util.regex.Matcher port = PORT.matcher(address);
        if (!path && !(port.matches() && Integer.parseInt(port.group(1)) >= 1 && Integer.parseInt(port.group(1)) <= 65535)) {
            throw new IllegalArgumentException("'" + printable(address) + "' is not an address to listen on: give a port"
                    + " (8080), an IPv4 address and port (127.0.0.1:8080), an IPv6 one ([::1]:8080), or the absolute path"
                    + " of a Unix-domain socket (no blanks or backslashes, under 108 bytes)");
        }
        return new SystemdUnit(name, command, user, group, workingDirectory, userMode, type, watchdog,
                address.replace("%", "%%"));
    }

    /** The socket unit's file name, {@code NAME.socket}. */
    public String socketFileName() {
        return name + ".socket";
    }

    /** The socket unit as it would be written, where {@link #listen} gave one. */
    public java.util.Optional<String> socketText() {
        if (listen == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(MARK + "\n[Unit]\nDescription=" + name + "'s socket (a Daemoniker service)\n\n"
                + "[Socket]\n# systemd listens, and starts " + fileName() + " on the first connection, handing it the"
                + " socket\nListenStream=" + listen + "\n\n[Install]\nWantedBy=sockets.target\n");
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

    /**
     * The unit, as it would be written.
     *
     * @throws IllegalArgumentException for a watchdog on a unit that is not {@code Type=notify}
     */
    public String text() {
        StringBuilder unit = new StringBuilder(MARK).append('\n');
        unit.append("[Unit]\n");
        unit.append("Description=").append(name).append(" (a Daemoniker service)\n");
        if (!userMode) {
            unit.append("Wants=network-online.target\nAfter=network-online.target\n");
        }
        if (listen != null) {
            unit.append("Requires=").append(socketFileName()).append("\nAfter=").append(socketFileName()).append('\n');
        }
        unit.append("\n[Service]\n");
        Path directory = workingDirectory == null ? Path.of("/") : workingDirectory;
        boolean notify = type != null ? type == Type.NOTIFY : DaemonikerProgram.holdsTheLibrary(command, directory);
        unit.append(type != null ? "# Type=" + type.name().toLowerCase(java.util.Locale.ROOT) + ", as asked\n"
                : notify ? "# Type=notify: the program's class path holds Daemoniker, which stays in the foreground"
                        + " and says READY=1 itself once it is up\n"
                : "# Type=exec: " + command.get(0) + " is not a Java program with Daemoniker on its class path, so"
                        + " nothing would say READY=1 (daemoniker service --type notify if it does)\n");
        unit.append(notify ? "Type=notify\nNotifyAccess=main\n" : "Type=exec\n");
        if (watchdog != null && !notify) {
            throw new IllegalArgumentException("a watchdog needs a program that says WATCHDOG=1: " + command.get(0)
                    + " is not a Java program with Daemoniker on its class path, so systemd would end it every "
                    + watchdog.toMillis() + " ms (--type notify if it says it)");
        }
        if (watchdog != null) {
            unit.append("# ended with SIGABRT and restarted (Restart=on-failure) when WATCHDOG=1 stops coming\n");
            unit.append("WatchdogSec=").append(watchdog.toMillis()).append("ms\n");
        }
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
        unit.append("# 143: a SIGTERM stop; " + Daemoniker.RESTART_EXIT_STATUS + ": the daemon asks to be started again"
                + " (Daemoniker.exitToRestart)\n");
        unit.append("SuccessExitStatus=143 ").append(Daemoniker.RESTART_EXIT_STATUS).append('\n');
        unit.append("RestartForceExitStatus=").append(Daemoniker.RESTART_EXIT_STATUS).append('\n');
        unit.append("NoNewPrivileges=yes\n");
        String hidden = underTemporaryDirectory();
        unit.append(hidden == null ? "PrivateTmp=yes\n" : "# PrivateTmp is left out: " + hidden + " is in a temporary"
                + " directory, which it would hide from the service\n");
        if (!userMode) {
            unit.append("ProtectSystem=full\n");
        }
        unit.append("\n[Install]\nWantedBy=").append(userMode ? "default.target" : "multi-user.target").append('\n');
        return unit.toString();
    }

    /** The first of the program, its arguments' paths and the working directory that PrivateTmp would hide; or null. */
    private String underTemporaryDirectory() {
        List<String> paths = new ArrayList<>();
        for (String word : command) {
            paths.addAll(List.of(word.split(java.io.File.pathSeparator)));
        }
        if (workingDirectory != null) {
            paths.add(workingDirectory.toString());
        }
        for (String path : paths) {
            for (String temporary : new String[] {"/tmp", "/var/tmp"}) {
                if (path.equals(temporary) || path.startsWith(temporary + "/")) {
                    return path;
                }
            }
        }
        return null;
    }

    /**
     * Writes the unit into {@code directory} (whole, through a temporary file): a unit already
     * there and the same is left as it is; one that Daemoniker did not write is never replaced.
     *
     * @return what was done, in one sentence with what to run next
     * @throws DaemonikerException if a unit of the same name that Daemoniker did not write is there, or it cannot be written
     */
    public String install(Path directory) {
        OwnedFile file = new OwnedFile(directory.resolve(fileName()), MARK, "unit", "name");
        OwnedFile socket = new OwnedFile(directory.resolve(socketFileName()), MARK, "unit", "name");
        String systemctl = userMode ? "systemctl --user" : "systemctl";
        String socketText = socketText().orElse(null);
        if (file.holds(text()) && (socketText == null ? !socket.exists() : socket.holds(socketText))) {
            return "unchanged: " + file.file() + (socketText == null ? " is" : " and " + socket.file() + " are")
                    + " already this unit";
        }
        try {
            refuseOthers(directory, fileName());
            if (socketText != null) {
                refuseOthers(directory, socketFileName());
            }
        } catch (IOException e) {
            throw new DaemonikerException("the unit " + file.file() + " could not be written: " + e.getMessage(), e);
        }
        file.write(text());
        if (socketText != null) {
            socket.write(socketText);
        } else {
            socket.remove();
        }
        return "installed " + file.file() + (socketText == null ? "" : " and " + socket.file()) + ": now run "
                + systemctl + " daemon-reload && " + systemctl + " enable --now " + (socketText == null ? name
                : socketFileName()) + (userMode ? " (and loginctl enable-linger, to keep it running after logout)" : "");
    }

    /**
     * Removes the unit {@code name} from {@code directory}, if Daemoniker wrote it.
     *
     * @return what was done, in one sentence
     * @throws DaemonikerException for a unit Daemoniker did not write, which is left as it is
     */
    public static String uninstall(String name, Path directory) {
        checkName(name);
        OwnedFile file = new OwnedFile(directory.resolve(name + ".service"), MARK, "unit", "name");
        OwnedFile socket = new OwnedFile(directory.resolve(name + ".socket"), MARK, "unit", "name");
        // a socket unit that is not Daemoniker's is refused before anything goes
        socket.refuseIfNotOurs();
        boolean service = file.remove();
        boolean socketToo = socket.remove();
        if (!service && !socketToo) {
            return "not installed: there is no " + file.file();
        }
        return "removed " + (service ? file.file() + (socketToo ? " and " : "") : "") + (socketToo ? socket.file() : "")
                + " (stop and disable it first if it ran: systemctl disable --now " + (socketToo ? name + ".socket " : "")
                + name + ")";
    }

    /**
     * Refuses to write where systemd would then take this unit over one Daemoniker did not write,
     * anywhere on its search path: a vendor's unit of the same name (in {@code /lib/systemd/system},
     * overridden by one in {@code /etc}), or, for a unit not written yet, drop-ins made for another
     * unit of this name.
     */
    private void refuseOthers(Path directory, String fileName) throws IOException {
        boolean installed = false;
        List<Path> dropIns = new ArrayList<>();
        for (Path searched : searchPath()) {
            Path unit = searched.resolve(fileName);
            if (Files.exists(unit, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    new OwnedFile(unit, MARK, "unit", "name").content();
                    installed = true;
                } catch (DaemonikerException e) {
                    throw new DaemonikerException("a unit " + fileName + " that Daemoniker did not write is in "
                            + searched + ", and " + directory.resolve(fileName) + " would take its place: choose"
                            + " another name (see systemctl cat " + name + ")");
                }
            }
            if (Files.isDirectory(searched.resolve(fileName + ".d"))) {
                dropIns.add(searched.resolve(fileName + ".d"));
            }
        }
        if (!installed && !dropIns.isEmpty()) {
            throw new DaemonikerException("drop-ins for " + fileName + " are in " + dropIns.get(0) + ", made for"
                    + " another unit of this name, and they would change this one: choose another name");
        }
    }

    /**
     * systemd's unit search path, as {@code systemd-analyze unit-paths} lists it, or
     * {@code SYSTEMD_UNIT_PATH} where that is set (a trailing {@code :} adds the usual ones).
     */
    private List<Path> searchPath() {
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<String> usual = !userMode
                ? List.of("/etc/systemd/system.control", "/run/systemd/system.control", "/run/systemd/transient",
                        "/run/systemd/generator.early", "/etc/systemd/system", "/etc/systemd/system.attached",
                        "/run/systemd/system", "/run/systemd/system.attached", "/run/systemd/generator",
                        "/usr/local/lib/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
                        "/run/systemd/generator.late")
                : runtime == null
                ? List.of(home + "/.config/systemd/user.control", home + "/.config/systemd/user", "/etc/systemd/user",
                        "/run/systemd/user", home + "/.local/share/systemd/user", "/usr/local/lib/systemd/user",
                        "/usr/lib/systemd/user")
                : List.of(home + "/.config/systemd/user.control", runtime + "/systemd/user.control",
                        runtime + "/systemd/transient", runtime + "/systemd/generator.early", home + "/.config/systemd/user",
                        "/etc/systemd/user", runtime + "/systemd/user", "/run/systemd/user", runtime + "/systemd/generator",
                        home + "/.local/share/systemd/user", "/usr/local/lib/systemd/user", "/usr/lib/systemd/user",
                        runtime + "/systemd/generator.late");
        String given = System.getenv("SYSTEMD_UNIT_PATH");
        List<String> directories = new ArrayList<>();
        if (given != null && !given.isEmpty()) {
            directories.addAll(List.of(given.split(":")));
        }
        if (given == null || given.isEmpty() || given.endsWith(":")) {
            directories.addAll(usual);
        }
        return directories.stream().filter(d -> !d.isEmpty()).map(Path::of).toList();
    }

    /** One ExecStart word: systemd's quoting, its specifiers ({@code %}) and variables ({@code $}) made literal. */
    static String quoted(String word) {
        String literal = word.replace("%", "%%").replace("$", "$$");
        if (!literal.isEmpty() && literal.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == ';'
                || c == 0x7f)) {
            return literal;
        }
        // inside quotes systemd reads C escapes: a line break or carriage return stays in the word, never ends the line
        StringBuilder quoted = new StringBuilder("\"");
        literal.chars().forEach(c -> quoted.append(c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c < ' ' || c == 0x7f
                ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return quoted.append('"').toString();
    }
}
