package io.github.daemoniker.windows;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.WindowsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WindowsService} in the Service Control Manager's own terms: the strings and numbers
 * CreateService takes, and the {@code sc.exe} commands that make the same service. Plain Java.
 */
final class ServiceDefinition {
    /** A failure is followed by this many restarts (the Services panel shows three), forgotten after a day. */
    static final int RESTARTS = 3;
    static final int RESET_SECONDS = 24 * 60 * 60;

    private final WindowsService service;
    private final List<String> command;
    private final String binaryPath;

    /** {@code service} with its program found now, on {@code path} (the PATH variable) if it has no directory. */
    ServiceDefinition(WindowsService service, String path) {
        this.service = service;
        List<String> command = new ArrayList<>(service.command());
        command.set(0, locate(command.get(0), path).toString());
        this.command = List.copyOf(command);
        this.binaryPath = WindowsCommandLine.join(command);
    }

    /** The command, its program found. */
    List<String> command() {
        return command;
    }

    /** The Service Control Manager starts the program by its full path: it searches no PATH of the user's. */
    static Path locate(String program, String path) {
        if (program.contains("\\") || program.contains("/")) {
            Path given = Path.of(program).toAbsolutePath();
            Path exe = Path.of(program + ".exe").toAbsolutePath();
            if (!Files.isRegularFile(given) && Files.isRegularFile(exe)) {
                return exe;
            }
            if (!Files.isRegularFile(given)) {
                throw new DaemonikerException("the service's program " + program + " does not exist");
            }
            return given;
        }
        List<String> names = program.contains(".") ? List.of(program) : List.of(program + ".exe", program);
        for (String directory : path.split(";")) {
            for (String name : names) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isRegularFile(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new DaemonikerException("the service's program " + program + " was not found on PATH: give its full path");
    }

    String name() {
        return service.name();
    }

    WindowsService service() {
        return service;
    }

    /** The command line the Service Control Manager starts. */
    String binaryPath() {
        return binaryPath;
    }

    int startType() {
        return service.startType() == WindowsService.StartType.MANUAL ? ServiceCalls.SERVICE_DEMAND_START
                : ServiceCalls.SERVICE_AUTO_START;
    }

    /** The account's name; none takes a password. */
    String account() {
        return switch (service.account()) {
            case VIRTUAL -> "NT SERVICE\\" + service.name();
            case LOCAL_SERVICE -> "NT AUTHORITY\\LocalService";
            case NETWORK_SERVICE -> "NT AUTHORITY\\NetworkService";
            case LOCAL_SYSTEM -> "LocalSystem";
        };
    }

    /** The dependencies NUL-separated, as CreateService takes them (JNA adds the final NULs); "" for none. */
    String dependencies() {
        return String.join("\0", service.dependencies());
    }

    /** The restart delay in milliseconds, or -1 for no restart. */
    int restartMillis() {
        return service.restartDelay() == null ? -1 : (int) service.restartDelay().toMillis();
    }

    /** The {@code sc.exe} commands (for cmd.exe) that would make this service, one per line. */
    String scCommands() {
        List<String> create = new ArrayList<>(List.of("sc.exe", "create", name(), "binPath=", binaryPath, "start=",
                switch (service.startType()) {
                    case AUTOMATIC -> "auto";
                    case DELAYED_AUTOMATIC -> "delayed-auto";
                    case MANUAL -> "demand";
                }, "obj=", account(), "DisplayName=", service.displayName()));
        if (!service.dependencies().isEmpty()) {
            create.addAll(List.of("depend=", String.join("/", service.dependencies())));
        }
        String actions = restartMillis() < 0 ? ""
                : String.join("/", java.util.Collections.nCopies(RESTARTS, "restart/" + restartMillis()));
        return WindowsCommandLine.join(create) + "\n"
                + WindowsCommandLine.join(List.of("sc.exe", "description", name(), service.description())) + "\n"
                + WindowsCommandLine.join(List.of("sc.exe", "failure", name(), "reset=",
                        String.valueOf(restartMillis() < 0 ? 0 : RESET_SECONDS), "actions=", actions)) + "\n";
    }
}
