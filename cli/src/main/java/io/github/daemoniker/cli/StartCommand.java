package io.github.daemoniker.cli;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonStatus;
import io.github.daemoniker.Daemoniker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Daemonizes any program, not only Java, with the library's strategies. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start any program as a daemon: double fork, new session, no terminal, the streams and"
                + " working directory given; the pid file names the program's pid before this returns.",
            "The program's pid file is locked on a descriptor the program inherits (Linux 3.15+); it stays"
                + " locked while the program keeps that descriptor, and is left behind, stale, when it exits."})
final class StartCommand implements Callable<Integer> {

    @Option(names = "--pid-file", required = true, description = "the pid file to write")
    Path pidFile;

    @Option(names = "--stdout", description = "append the program's standard output here (default: the null device)")
    Path stdout;

    @Option(names = "--stderr", description = "append the program's standard error here (default: the null device)")
    Path stderr;

    @Option(names = "--chdir", defaultValue = "/", description = "its working directory (default: ${DEFAULT-VALUE})")
    Path chdir;

    @Option(names = "--umask", defaultValue = "027", converter = OctalConverter.class,
            description = "its umask, in octal (default: ${DEFAULT-VALUE})")
    int umask;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the program and its arguments: every word from"
            + " the program's name on is the program's own, --help too (a -- before it is optional)")
    List<String> command;

    @Override
    public Integer call() {
        DaemonOptions options = DaemonOptions.builder().stdout(stdout).stderr(stderr).chdir(chdir).umask(umask)
                .build();
        DaemonStatus started = Daemoniker.startProgram(pidFile, options, command);
        System.out.println("started " + command.get(0) + ", pid " + started.pid() + ", pid file "
                + started.pidFile());
        return 0;
    }

    /** 027, 0027, 22. */
    static final class OctalConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.matches("[0-7]{1,4}")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an octal umask such as 027");
            }
            return Integer.parseInt(value, 8);
        }
    }
}
