package io.github.daemoniker.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code daemoniker}: operate daemons from the shell, on every system through the same library.
 * Errors are one line on stderr and a non-zero status: 2 for a command line that cannot be
 * understood, the command's own status otherwise.
 */
@Command(name = "daemoniker", mixinStandardHelpOptions = true, versionProvider = DaemonikerCli.Version.class,
        description = "Operate daemons through their pid files.",
        subcommands = {StartCommand.class, StatusCommand.class, SendCommand.class, StopCommand.class, RestartCommand.class,
            ServiceCommand.class})
public final class DaemonikerCli implements Runnable {
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DaemonikerCli());
        // "start --pid-file p sleep -h": from the program's name on, every word is the program's own
        commandLine.getSubcommands().get("start").setStopAtPositional(true);
        commandLine.getSubcommands().get("service").getSubcommands().values().forEach(c -> c.setStopAtPositional(true));
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("daemoniker: " + e.getMessage() + " (see "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("daemoniker: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return cmd.getCommand() instanceof StatusCommand ? StatusCommand.UNKNOWN : 1;
        });
        return commandLine;
    }

    /** Without a command: the usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DaemonikerCli.class.getPackage().getImplementationVersion();
            return new String[] {"daemoniker " + (version == null ? "(development build)" : version)};
        }
    }
}
