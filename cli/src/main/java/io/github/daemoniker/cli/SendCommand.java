package io.github.daemoniker.cli;

import io.github.daemoniker.Signal;
import io.github.daemoniker.Daemoniker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The library's send, with the same safety rules. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a signal to the daemon of a pid file, only if that file's lock is held by the"
                + " pid it names.")
final class SendCommand implements Callable<Integer> {

    @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
    Path pidFile;

    @Option(names = "--unlocked", description = "trust a pid file written without a lock (Python Daemoniker,"
            + " init scripts) if its pid is running")
    boolean unlocked;

    @Parameters(index = "0", paramLabel = "SIGNAL", converter = SignalConverter.class,
            description = "a name (TERM, SIGHUP, usr1) or a number")
    Signal signal;

    @Override
    public Integer call() {
        long pid = unlocked ? Daemoniker.sendUnlocked(pidFile, signal) : Daemoniker.send(pidFile, signal);
        System.out.println("sent " + signal + " to pid " + pid);
        return 0;
    }

    /** A signal by name or number. */
    static final class SignalConverter implements CommandLine.ITypeConverter<Signal> {
        @Override
        public Signal convert(String value) {
            try {
                return value.matches("[0-9]+") ? Signal.of(Integer.parseInt(value)) : Signal.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
