package io.github.daemoniker;

import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.Platform;
import io.github.daemoniker.internal.ServiceControlManager;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Windows service for a Java program that uses Daemoniker, in the Service Control Manager. No
 * wrapper runs it: the JVM is the service. Its {@link Daemonizer} block sees that the Service
 * Control Manager started it, stays in the foreground, reports the service running once it is
 * ready, and turns a stop (the Services panel, {@code sc stop}, a system shutdown with its
 * pre-shutdown notice) into a SIGTERM for its {@link SignalHandler}, whose end — or, without a
 * handler, the JVM's exit with its shutdown hooks — reports the service stopped. A service that
 * ends without being asked to counts as failed, and its recovery actions restart it.
 *
 * <pre>{@code
 * WindowsService service = WindowsService.of("heartbeat",
 *                 List.of("C:\\Java\\bin\\java.exe", "-cp", "C:\\hb\\hb.jar", "Heartbeat"))
 *         .startType(WindowsService.StartType.DELAYED_AUTOMATIC)
 *         .account(WindowsService.Account.NETWORK_SERVICE);
 * System.out.println(service.text());      // the same service as sc.exe commands, to review
 * System.out.println(service.install());   // created (or updated, if Daemoniker made it)
 * }</pre>
 *
 * <p>Installing needs an administrator; everything else about the service is the program's own.
 * The definitions are read and written on Windows only: elsewhere these methods refuse.
 */
public final class WindowsService {
    /** Ends the description of every service made here: only such a service is changed or removed. */
    public static final String MARK = "(installed by Daemoniker)";

    /** When the service starts. */
    public enum StartType {
        /** At boot. */
        AUTOMATIC,
        /** Shortly after boot, once the automatic services are up. */
        DELAYED_AUTOMATIC,
        /** When asked ({@code sc start}, the Services panel, a service that depends on it). */
        MANUAL
    }

    /** The account the service runs as; none of them needs a password, so none is ever stored. */
    public enum Account {
        /** {@code NT SERVICE\NAME}: an account of the service's own, made by Windows (the default). */
        VIRTUAL,
        /** {@code NT AUTHORITY\LocalService}: few rights, anonymous on the network. */
        LOCAL_SERVICE,
        /** {@code NT AUTHORITY\NetworkService}: few rights, the computer's identity on the network. */
        NETWORK_SERVICE,
        /** {@code LocalSystem}: every right on the machine; only for what truly needs it. */
        LOCAL_SYSTEM
    }

    private final String name;
    private final List<String> command;
    private final String displayName;
    private final String description;
    private final StartType startType;
    private final Account account;
    private final Duration restartDelay;
    private final List<String> dependencies;

    private WindowsService(String name, List<String> command, String displayName, String description,
            StartType startType, Account account, Duration restartDelay, List<String> dependencies) {
        this.name = name;
        this.command = command;
        this.displayName = displayName;
        this.description = description;
        this.startType = startType;
        this.account = account;
        this.restartDelay = restartDelay;
        this.dependencies = dependencies;
    }

    /**
     * The service {@code name} running {@code command}: started automatically, as its own virtual
     * account, restarted 10 seconds after a failure.
     *
     * @throws IllegalArgumentException for a name the Service Control Manager would not take, or an
     *         empty command or an argument holding a line break or a NUL
     */
    public static WindowsService of(String name, List<String> command) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]{1,80}")) {
            throw new IllegalArgumentException("'" + name + "' is not a service name: use 1 to 80 letters, digits and"
                    + " _ . -");
        }
        if (command.isEmpty() || command.stream().anyMatch(arg -> arg.indexOf('\n') >= 0 || arg.indexOf('\0') >= 0
                || arg.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("the service's command must have a program, and no argument may hold"
                    + " a line break or a NUL");
        }
        return new WindowsService(name, List.copyOf(command), name, name + " " + MARK, StartType.AUTOMATIC,
                Account.VIRTUAL, Duration.ofSeconds(10), List.of());
    }

    /** The name the Services panel shows (by default the service's name). */
    public WindowsService displayName(String shown) {
        return new WindowsService(name, command, requireLine(shown, "display name"), description, startType, account,
                restartDelay, dependencies);
    }

    /** The description the Services panel shows; {@link #MARK} is added to it. */
    public WindowsService description(String text) {
        return new WindowsService(name, command, displayName, requireLine(text, "description") + " " + MARK,
                startType, account, restartDelay, dependencies);
    }

    /** When it starts. */
    public WindowsService startType(StartType type) {
        return new WindowsService(name, command, displayName, description, Objects.requireNonNull(type), account,
                restartDelay, dependencies);
    }

    /** The account it runs as. */
    public WindowsService account(Account runAs) {
        return new WindowsService(name, command, displayName, description, startType, Objects.requireNonNull(runAs),
                restartDelay, dependencies);
    }

    /**
     * The recovery action: restarted {@code delay} after each failure (a crash, or an end no one
     * asked for); {@code null}: never restarted.
     */
    public WindowsService restartOnFailure(Duration delay) {
        if (delay != null && (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("the restart delay must be between 0 and 24 days, not " + delay);
        }
        return new WindowsService(name, command, displayName, description, startType, account, delay, dependencies);
    }

    /** Services (by name) that must run before this one starts. */
    public WindowsService dependsOn(List<String> services) {
        services.forEach(service -> requireLine(service, "dependency"));
        return new WindowsService(name, command, displayName, description, startType, account, restartDelay,
                List.copyOf(services));
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public String displayName() {
        return displayName;
    }

    /** The description as installed, with {@link #MARK}. */
    public String description() {
        return description;
    }

    public StartType startType() {
        return startType;
    }

    public Account account() {
        return account;
    }

    /** The delay before a restart after a failure, {@code null} for none. */
    public Duration restartDelay() {
        return restartDelay;
    }

    public List<String> dependencies() {
        return dependencies;
    }

    /**
     * The service as the {@code sc.exe} commands that would make it, to review or to run by hand.
     *
     * @throws DaemonikerException on a system other than Windows
     */
    public String text() {
        return manager().describe(this);
    }

    /**
     * Creates the service, or brings one that Daemoniker made up to this definition; never touches
     * a service it did not make. Nothing is left half-made on a failure.
     *
     * @return what was done, in one sentence with what to run next
     * @throws DaemonikerException without administrator rights, for a service of the same name not
     *         made by Daemoniker, or when the Service Control Manager refuses, with its reason
     */
    public String install() {
        return manager().install(this);
    }

    /**
     * Removes the service {@code name}, if Daemoniker made it and it is stopped.
     *
     * @return what was done, in one sentence
     * @throws DaemonikerException for a service Daemoniker did not make, or one still running
     */
    public static String uninstall(String name) {
        return manager().uninstall(name);
    }

    /**
     * Whether this system's services are Windows services, kept by the Service Control Manager;
     * elsewhere a {@link SystemdUnit} is the service.
     */
    public static boolean isThisSystemsKind() {
        return Platform.current().serviceControlManager().isPresent();
    }

    private static ServiceControlManager manager() {
        return Platform.current().serviceControlManager("Windows services live in the Service Control Manager of"
                + " Windows, and this is " + OperatingSystem.shownName() + ": here a SystemdUnit is the service");
    }

    private static String requireLine(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isEmpty() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the service's " + what + " must be one non-empty line");
        }
        return text;
    }
}
