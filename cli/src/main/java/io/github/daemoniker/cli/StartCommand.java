package io.github.daemoniker.cli;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonStatus;
import io.github.daemoniker.Daemoniker;
import java.net.InetSocketAddress;
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

    @Option(names = "--listen", paramLabel = "IP:PORT", converter = AddressConverter.class,
            description = "bind and listen on this address (127.0.0.1:80, [::1]:80) here, as root if the port needs"
                    + " it, and give the program the listening socket as its standard input, as inetd does (Java:"
                    + " System.inheritedChannel())")
    InetSocketAddress listen;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the program and its arguments: every word from"
            + " the program's name on is the program's own, --help too (a -- before it is optional)")
    List<String> command;

    @Override
    public Integer call() {
        DaemonOptions options = DaemonOptions.builder().stdout(stdout).stderr(stderr).chdir(chdir).umask(umask)
                .listen(listen).build();
        DaemonStatus started = Daemoniker.startProgram(pidFile, options, command);
        System.out.println("started " + command.get(0) + ", pid " + started.pid() + ", pid file "
                + started.pidFile());
        return 0;
    }

    /** 127.0.0.1:80, [::1]:80: an IP address, never a name to resolve, and a port. */
    static final class AddressConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})")
                    .matcher(value);
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an IP address and port such as"
                        + " 127.0.0.1:80 or [::1]:80");
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            try {
                return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
            } catch (java.net.UnknownHostException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an IP address and port such as"
                        + " 127.0.0.1:80 or [::1]:80");
            }
        }
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
