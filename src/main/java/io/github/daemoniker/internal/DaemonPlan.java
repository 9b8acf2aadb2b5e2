package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Readiness;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the daemon must set up: the pid file and a value for every {@link Option}, with
 * every path made absolute against the original process's working directory. An unset path
 * ({@code null}) is the null device for a stream and unchanged for chroot; a {@code null} user or
 * group is left as it is; a {@code null} reopenLogsOn reopens nothing, and a rotateLogsAt of 0
 * rotates nothing. The JVM options and environment are the relaunch's (a {@code null} value
 * removes a variable).
 */
public record DaemonPlan(Path pidFile, OptionValues options) {

    /** Resolves the user's pid file and options against the current working directory. */
    public static DaemonPlan resolve(Path pidFile, DaemonOptions options) {
        return new DaemonPlan(absolute(pidFile), OptionValues.of(options).withPathsResolved());
    }

    /** The value of {@code option}. */
    public <T> T get(Option<T> option) {
        return options.get(option);
    }

    /** Whether the application itself says when it is ready ({@link Readiness#MANUAL}). */
    public boolean manualReadiness() {
        return get(Option.READINESS) == Readiness.MANUAL;
    }

    /** The options by which the daemon opens its logs again, by their names: reopenLogsOn, rotateLogs. */
    List<String> reopensLogs() {
        List<String> names = new java.util.ArrayList<>();
        if (get(Option.REOPEN_LOGS_ON) != null) {
            names.add("reopenLogsOn");
        }
        if (get(Option.ROTATE_LOGS_AT) > 0) {
            names.add("rotateLogs");
        }
        return names;
    }

    /** In the foreground the streams are the supervisor's, not the plan's: nothing of them to reopen. */
    DaemonPlan withoutStreams() {
        return new DaemonPlan(pidFile, options.with(Option.STDIN, null).with(Option.STDOUT, null)
                .with(Option.STDERR, null));
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
