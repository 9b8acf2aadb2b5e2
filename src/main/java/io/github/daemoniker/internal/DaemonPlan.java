package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the daemon must set up, with every path made absolute against the original
 * process's working directory. Streams that are {@code null} go to the null device.
 */
public record DaemonPlan(Path pidFile, Path chdir, Path stdin, Path stdout, Path stderr, int umask,
                         Set<Integer> shieldedFds) {

    public DaemonPlan {
        shieldedFds = Set.copyOf(shieldedFds);
    }

    /** Resolves the user's pid file and options against the current working directory. */
    public static DaemonPlan resolve(Path pidFile, DaemonOptions options) {
        return new DaemonPlan(absolute(pidFile), absolute(options.chdir()), absolute(options.stdin()),
                absolute(options.stdout()), absolute(options.stderr()), options.umask(), options.shieldedFds());
    }

    private static Path absolute(Optional<Path> path) {
        return path.map(DaemonPlan::absolute).orElse(null);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
