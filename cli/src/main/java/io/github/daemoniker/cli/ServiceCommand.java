package io.github.daemoniker.cli;

import io.github.daemoniker.LaunchdPlist;
import io.github.daemoniker.SystemdUnit;
import io.github.daemoniker.WindowsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An OS service for a program: a systemd unit on Linux, a service of the Service Control Manager on
 * Windows; printed, installed or removed.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"An OS service for a program. Review it with print.",
                "Linux: a systemd unit, Type=notify for a Java program with Daemoniker on its class path (the library"
                        + " says READY=1), Type=exec for any other; restarted on failure, a SIGTERM stop counted as"
                        + " clean, hardened.",
                "Windows: a service in the Service Control Manager that is the JVM itself (no wrapper), so only for a"
                        + " Java program with Daemoniker on its class path: a stop reaches the program's SignalHandler as"
                        + " SIGTERM; restarted after a failure; no password stored."},
        subcommands = {ServiceCommand.Print.class, ServiceCommand.Install.class, ServiceCommand.Uninstall.class,
            ServiceCommand.Logrotate.class})
final class ServiceCommand implements Runnable {
    static final boolean WINDOWS = WindowsService.isThisSystemsKind();

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "print, install or uninstall is missing");
    }

    /** What names a service and, for systemd, where its unit lives. */
    static final class Where {
        @Option(names = "--name", required = true, description = "the service's name (Linux: NAME.service)")
        String name;

        @Option(names = "--user", description = "Linux: a service of your own systemd (systemctl --user), in"
                + " ~/.config/systemd/user")
        boolean userMode;

        @Option(names = "--unit-dir", description = "Linux, macOS: write or remove the unit (the plist) here instead"
                + " (a package's staging directory)")
        Path unitDirectory;

        @Option(names = "--launchd", description = "a launchd job (a plist; the default on macOS): --name is its label,"
                + " --user makes it an agent of yours in ~/Library/LaunchAgents")
        boolean launchd;

        /** Refuses the options of the other system, in one sentence. */
        void check() {
            if (WINDOWS && (userMode || unitDirectory != null || launchd)) {
                throw new IllegalArgumentException("--user, --unit-dir and --launchd are for systemd units and launchd"
                        + " jobs: on Windows a service belongs to the Service Control Manager");
            }
        }

        /** A launchd job rather than a systemd unit: asked for, or on macOS. */
        boolean isLaunchd() {
            return launchd || LaunchdPlist.isThisSystemsKind();
        }

        Path directory(boolean agent) {
            return unitDirectory != null ? unitDirectory : isLaunchd() ? LaunchdPlist.directory(agent)
                    : SystemdUnit.directory(agent);
        }
    }

    /** What the service runs, and as whom. */
    static final class What {
        @Option(names = "--run-as", description = "Linux: the user the service runs as (system services only)")
        String user;

        @Option(names = "--group", description = "Linux: its group")
        String group;

        @Option(names = "--chdir", description = "Linux: its working directory")
        Path chdir;

        @Option(names = "--stdout", description = "launchd: where the job's stdout goes (systemd keeps it in the journal)")
        Path stdout;

        @Option(names = "--stderr", description = "launchd: where the job's stderr goes")
        Path stderr;

        @Option(names = "--type", paramLabel = "notify|exec", description = "Linux: how systemd knows it is up:"
                + " notify (it says READY=1, as a Java program with Daemoniker does) or exec; by default told from"
                + " the command")
        String type;

        @Option(names = "--watchdog", paramLabel = "DURATION", converter = StopCommand.DurationConverter.class,
                description = "Linux: systemd's watchdog (WatchdogSec=, such as 30s): the service is restarted when it"
                        + " stops saying it is alive, as a Daemoniker app does while its health check passes")
        Duration watchdog;

        @Option(names = "--listen", paramLabel = "ADDRESS", description = "Linux: a socket unit too (NAME.socket,"
                + " ListenStream=ADDRESS: a port, host:port, [v6]:port or a Unix-domain socket's path): systemd listens"
                + " and starts the service on the first connection, handing it the socket")
        String listen;

        @Option(names = "--start", paramLabel = "auto|delayed|manual", description = "Windows: when it starts (default"
                + " auto: at boot)")
        String start;

        @Option(names = "--account", paramLabel = "virtual|local-service|network-service|local-system",
                description = "Windows: the account it runs as (default virtual: NT SERVICE\\NAME); none needs a password")
        String account;

        @Option(names = "--restart-delay", paramLabel = "SECONDS", description = "Windows: restarted this long after a"
                + " failure (default 10; -1: never)")
        Integer restartDelay;

        @Option(names = "--depends-on", paramLabel = "SERVICE", description = "Windows: a service that must run first"
                + " (repeatable)")
        List<String> dependencies;

        @Option(names = "--display-name", description = "Windows: the name the Services panel shows")
        String displayName;

        @Option(names = "--description", description = "Windows: the description the Services panel shows")
        String description;

        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the program and its arguments (a -- before"
                + " it is optional)")
        List<String> command;

        LaunchdPlist plist(Where where) {
            if (listen != null) {
                throw new IllegalArgumentException("--listen is systemd's socket activation: a launchd job's Sockets are"
                        + " not written by Daemoniker");
            }
            if (watchdog != null) {
                throw new IllegalArgumentException("--watchdog is systemd's: launchd has no watchdog (a health check"
                        + " given to Daemoniker.watchdog runs only under systemd or as a Windows service)");
            }
            if (start != null || account != null || restartDelay != null || dependencies != null || displayName != null
                    || description != null || type != null) {
                throw new IllegalArgumentException("--start, --account, --restart-delay, --depends-on, --display-name,"
                        + " --description and --type are not launchd's: a launchd job is kept alive, restarted after a"
                        + " failure");
            }
            if (where.userMode && (user != null || group != null)) {
                throw new IllegalArgumentException("a --user agent runs as you: leave --run-as and --group out");
            }
            LaunchdPlist plist = LaunchdPlist.of(where.name, command).runAs(user, group).logs(stdout, stderr);
            plist = chdir == null ? plist : plist.workingDirectory(chdir);
            return where.userMode ? plist.userAgent() : plist;
        }

        SystemdUnit unit(Where where) {
            if (stdout != null || stderr != null) {
                throw new IllegalArgumentException("--stdout and --stderr are for launchd jobs: under systemd the journal"
                        + " keeps the output (StandardOutput= in a unit of your own)");
            }
            if (start != null || account != null || restartDelay != null || dependencies != null || displayName != null
                    || description != null) {
                throw new IllegalArgumentException("--start, --account, --restart-delay, --depends-on, --display-name"
                        + " and --description are for Windows services: a systemd unit says these its own way");
            }
            if (where.userMode && (user != null || group != null)) {
                throw new IllegalArgumentException("a --user service runs as you: leave --run-as and --group out");
            }
            SystemdUnit unit = SystemdUnit.of(where.name, command).runAs(user, group);
            if (type != null) {
                unit = unit.type(choice(type, "--type", SystemdUnit.Type.values(), List.of("notify", "exec")));
            }
            unit = chdir == null ? unit : unit.workingDirectory(chdir);
            unit = watchdog == null ? unit : unit.watchdog(watchdog);
            unit = listen == null ? unit : unit.listen(listen);
            return where.userMode ? unit.userMode() : unit;
        }

        WindowsService windowsService(Where where) {
            if (listen != null) {
                throw new IllegalArgumentException("--listen is systemd's socket activation: the Service Control Manager"
                        + " hands no socket to a service");
            }
            if (watchdog != null) {
                throw new IllegalArgumentException("--watchdog is systemd's: the Service Control Manager has no"
                        + " watchdog; a service's health check (Daemoniker.watchdog) runs every twice its time limit,"
                        + " and a failed one ends the service for its recovery actions to restart it");
            }
            if (user != null || group != null || chdir != null || type != null || stdout != null || stderr != null) {
                throw new IllegalArgumentException("--run-as, --group, --chdir and --type are for systemd units: a Windows"
                        + " service runs as its --account, in the system directory (give the program absolute paths)");
            }
            WindowsService service = WindowsService.of(where.name, command);
            if (start != null) {
                service = service.startType(choice(start, "--start", WindowsService.StartType.values(),
                        List.of("auto", "delayed", "manual")));
            }
            if (account != null) {
                service = service.account(choice(account, "--account", WindowsService.Account.values(),
                        List.of("virtual", "local-service", "network-service", "local-system")));
            }
            if (restartDelay != null) {
                service = service.restartOnFailure(restartDelay < 0 ? null : Duration.ofSeconds(restartDelay));
            }
            if (dependencies != null) {
                service = service.dependsOn(dependencies);
            }
            service = displayName == null ? service : service.displayName(displayName);
            return description == null ? service : service.description(description);
        }

        /** The value of {@code values} that {@code given} names, in the order of {@code words}. */
        private static <T> T choice(String given, String option, T[] values, List<String> words) {
            int index = words.indexOf(given);
            if (index < 0) {
                throw new IllegalArgumentException(option + " takes one of " + String.join(", ", words) + ", not '"
                        + given + "'");
            }
            return values[index];
        }
    }

    /** A command about the service the options and command describe. */
    abstract static class OfService implements Callable<Integer> {
        @Mixin
        Where where;

        @Mixin
        What what;

        SystemdUnit unit() {
            where.check();
            return what.unit(where);
        }

        LaunchdPlist plist() {
            where.check();
            return what.plist(where);
        }

        WindowsService windowsService() {
            where.check();
            return what.windowsService(where);
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the service, installing nothing"
            + " (Windows: as the sc.exe commands that would make it).")
    static final class Print extends OfService {
        @Override
        public Integer call() {
            if (WINDOWS || where.isLaunchd()) {
                System.out.print(WINDOWS ? windowsService().text() : plist().text());
                return 0;
            }
            SystemdUnit unit = unit();
            Path directory = where.directory(where.userMode);
            // two units, each headed with its file as head(1) heads files
            String socket = unit.socketText().map(text -> "\n# ==> " + directory.resolve(unit.socketFileName()) + " <==\n"
                    + text).orElse("");
            System.out.print((socket.isEmpty() ? "" : "# ==> " + directory.resolve(unit.fileName()) + " <==\n")
                    + unit.text() + socket);
            return 0;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the service (again, if Daemoniker made it; never over one it did not).")
    static final class Install extends OfService {
        @Override
        public Integer call() {
            if (WINDOWS) {
                System.out.println(windowsService().install());
                return 0;
            }
            System.out.println(where.isLaunchd() ? plist().install(where.directory(where.userMode))
                    : unit().install(where.directory(where.userMode)));
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove the service, if Daemoniker made it (Windows: once it is stopped).")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() {
            where.check();
            if (WINDOWS) {
                System.out.println(WindowsService.uninstall(where.name));
                return 0;
            }
            Path directory = where.directory(where.userMode);
            System.out.println(where.isLaunchd() ? LaunchdPlist.uninstall(where.name, directory)
                    : SystemdUnit.uninstall(where.name, directory));
            return 0;
        }
    }

    @Command(name = "logrotate", mixinStandardHelpOptions = true,
            description = "Print a logrotate configuration for the daemon's logs: create mode, and the daemon told to"
                    + " open them again (DaemonOptions.reopenLogsOn), so that no line is lost.")
    static final class Logrotate implements Callable<Integer> {
        @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
        Path pidFile;

        @Option(names = "--signal", defaultValue = "USR1", converter = SendCommand.SignalConverter.class,
                description = "the signal its reopenLogsOn names (default: ${DEFAULT-VALUE})")
        io.github.daemoniker.Signal signal;

        @Parameters(paramLabel = "LOG", arity = "1..*", description = "the daemon's log files")
        List<Path> logs;

        @Override
        public Integer call() {
            System.out.print(LogrotateSnippet.text(pidFile, signal, logs));
            return 0;
        }
    }
}
