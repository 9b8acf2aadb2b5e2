package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Readiness;
import io.github.daemoniker.Signal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the daemon must set up, with every path made absolute against the original
 * process's working directory. Streams that are {@code null} go to the null device; a
 * {@code null} user or group is left as it is; a {@code null} reopenLogsOn reopens nothing, and a
 * rotateLogsAt of 0 rotates nothing. The JVM
 * options and environment are the relaunch's (a {@code null} value removes a variable).
 */
public record DaemonPlan(Path pidFile, Path chdir, Path stdin, Path stdout, Path stderr, int umask,
                         Set<Integer> shieldedFds, boolean preventCore, String user, String group,
                         boolean manualReadiness, Path chroot, Signal reopenLogsOn, long rotateLogsAt, int logsKept,
                         boolean exitZeroOnStop,
                         List<String> jvmOptions, Map<String, String> environment) {

    public DaemonPlan {
        shieldedFds = Set.copyOf(shieldedFds);
        jvmOptions = List.copyOf(jvmOptions);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /** Resolves the user's pid file and options against the current working directory. */
    public static DaemonPlan resolve(Path pidFile, DaemonOptions options) {
        return new DaemonPlan(absolute(pidFile), absolute(options.chdir()), absolute(options.stdin()),
                absolute(options.stdout()), absolute(options.stderr()), options.umask(), options.shieldedFds(),
                options.preventCore(), options.user().orElse(null), options.group().orElse(null),
                options.readiness() == Readiness.MANUAL, absolute(options.chrootDirectory()),
                options.reopenLogsOn().orElse(null), options.rotateLogsAt().orElse(0), options.logsKept(),
                options.exitZeroOnStop(), options.jvmOptions(),
                options.environment());
    }

    /** The options by which the daemon opens its logs again, by their names: reopenLogsOn, rotateLogs. */
    List<String> reopensLogs() {
        List<String> options = new java.util.ArrayList<>();
        if (reopenLogsOn != null) {
            options.add("reopenLogsOn");
        }
        if (rotateLogsAt > 0) {
            options.add("rotateLogs");
        }
        return options;
    }

    /** In the foreground the streams are the supervisor's, not the plan's: nothing of them to reopen. */
    DaemonPlan withoutStreams() {
        return new DaemonPlan(pidFile, chdir, null, null, null, umask, shieldedFds, preventCore, user, group,
                manualReadiness, chroot, reopenLogsOn, rotateLogsAt, logsKept, exitZeroOnStop, jvmOptions, environment);
    }

    private static Path absolute(Optional<Path> path) {
        return path.isPresent() ? absolute(path.get()) : null;
    }

    private static Path absolute(Path path) {
        return resolveAsTheKernelDoes(path);
    }

    /**
     * {@code path} made absolute as the kernel will find it: its directory with every link
     * resolved, so {@code dir/../x} is {@code x} beside where {@code dir} really leads, not beside
     * {@code dir}; the last name is kept as it is (a link there is the caller's to refuse or follow).
     * Where the directory does not exist (yet), the text is normalized.
     */
    public static Path resolveAsTheKernelDoes(Path path) {
        Path absolute = path.toAbsolutePath();
        Path name = absolute.getFileName();
        Path directory = absolute.getParent();
        try {
            if (name == null || directory == null) {
                return absolute.normalize();
            }
            if (name.toString().equals("..") || name.toString().equals(".")) {
                return absolute.toRealPath();
            }
            return directory.toRealPath().resolve(name);
        } catch (java.io.IOException | SecurityException e) {
            return absolute.normalize();
        }
    }
}
