package io.github.daemoniker.cli;

import io.github.daemoniker.SystemdUnit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An OS service for a program: for now a systemd unit, printed, installed or removed. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "A systemd service for a program that uses Daemoniker: Type=notify (the library says READY=1),"
                + " restarted on failure, a SIGTERM stop counted as clean, hardened. Review it with print.",
        subcommands = {ServiceCommand.Print.class, ServiceCommand.Install.class, ServiceCommand.Uninstall.class})
final class ServiceCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "print, install or uninstall is missing");
    }

    /** What names a unit and where it lives. */
    static final class Where {
        @Option(names = "--name", required = true, description = "the service's name (NAME.service)")
        String name;

        @Option(names = "--user", description = "a service of your own systemd (systemctl --user), in"
                + " ~/.config/systemd/user")
        boolean userMode;

        @Option(names = "--unit-dir", description = "write or remove the unit here instead (a package's staging directory)")
        Path unitDirectory;
    }

    /** What the unit runs, and as whom. */
    static final class What {
        @Option(names = "--run-as", description = "the user the service runs as (system services only)")
        String user;

        @Option(names = "--group", description = "its group")
        String group;

        @Option(names = "--chdir", description = "its working directory")
        Path chdir;

        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the program and its arguments (a -- before"
                + " it is optional)")
        List<String> command;

        SystemdUnit unit(Where where) {
            if (where.userMode && (user != null || group != null)) {
                throw new IllegalArgumentException("a --user service runs as you: leave --run-as and --group out");
            }
            SystemdUnit unit = SystemdUnit.of(where.name, command).runAs(user, group);
            unit = chdir == null ? unit : unit.workingDirectory(chdir);
            return where.userMode ? unit.userMode() : unit;
        }
    }

    /** A command about the unit the options and command describe. */
    abstract static class OfUnit implements Callable<Integer> {
        @Mixin
        Where where;

        @Mixin
        What what;

        SystemdUnit unit() {
            return what.unit(where);
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the unit, installing nothing.")
    static final class Print extends OfUnit {
        @Override
        public Integer call() {
            System.out.print(unit().text());
            return 0;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the unit (again, if it is Daemoniker's; never over one that is not).")
    static final class Install extends OfUnit {
        @Override
        public Integer call() {
            SystemdUnit unit = unit();
            System.out.println(unit.install(where.unitDirectory != null ? where.unitDirectory : unit.directory()));
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove the unit, if Daemoniker wrote it.")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() {
            Path directory = where.unitDirectory != null ? where.unitDirectory : SystemdUnit.directory(where.userMode);
            System.out.println(SystemdUnit.uninstall(where.name, directory));
            return 0;
        }
    }
}
