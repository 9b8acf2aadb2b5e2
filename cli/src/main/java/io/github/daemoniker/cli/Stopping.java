package io.github.daemoniker.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What stop and restart both take: the pid file, how long to wait after SIGTERM, and whether to kill. */
final class Stopping {
    @Option(names = "--pid-file", required = true, description = "the daemon's pid file")
    Path pidFile;

    @Option(names = "--timeout", defaultValue = "10s", converter = StopCommand.DurationConverter.class,
            description = "how long to wait after SIGTERM: 10s, 500ms, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--kill", description = "after the timeout, end the daemon at once")
    boolean kill;
}
