package io.github.daemoniker.internal;

import io.github.daemoniker.Detach;
import io.github.daemoniker.Readiness;
import io.github.daemoniker.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One daemon option: its name, its default and its kind. This list is the one definition of the
 * options: {@code DaemonOptions} stores them by it (and compares, hashes and shows them by it),
 * {@link DaemonPlan} resolves every path of the kind {@link Kind#PATH}, and {@link HandOff}
 * carries each to the daemon by its kind. A new option is a constant here, its setter and getter
 * in {@code DaemonOptions}, and the code that uses it.
 */
public final class Option<T> {
    private static final List<Option<?>> ALL = new ArrayList<>();

    public static final Option<Path> CHDIR = new Option<>("chdir", Kind.PATH, Path.of("/"));
    public static final Option<Path> STDIN = new Option<>("stdin", Kind.PATH, null);
    public static final Option<Path> STDOUT = new Option<>("stdout", Kind.PATH, null);
    public static final Option<Path> STDERR = new Option<>("stderr", Kind.PATH, null);
    public static final Option<Integer> UMASK = new Option<>("umask", Kind.OCTAL, 0027);
    public static final Option<Set<Integer>> SHIELDED_FDS = new Option<>("shieldedFds", Kind.NUMBER_SET, Set.of());
    public static final Option<Duration> SUCCESS_TIMEOUT = new Option<>("successTimeout", Kind.DURATION,
            Duration.ofSeconds(30));
    public static final Option<Boolean> STRIP_CMD_ARGS = new Option<>("stripCmdArgs", Kind.FLAG, false);
    public static final Option<Boolean> PREVENT_CORE = new Option<>("preventCore", Kind.FLAG, true);
    public static final Option<String> USER = new Option<>("user", Kind.TEXT, null);
    public static final Option<String> GROUP = new Option<>("group", Kind.TEXT, null);
    public static final Option<Readiness> READINESS = new Option<>("readiness", Kind.READINESS, Readiness.AUTOMATIC);
    public static final Option<Detach> DETACH = new Option<>("detach", Kind.DETACH, Detach.AUTO);
    public static final Option<Path> CHROOT_DIRECTORY = new Option<>("chrootDirectory", Kind.PATH, null);
    public static final Option<Signal> REOPEN_LOGS_ON = new Option<>("reopenLogsOn", Kind.SIGNAL, null);
    public static final Option<Long> ROTATE_LOGS_AT = new Option<>("rotateLogsAt", Kind.SIZE, 0L);
    public static final Option<Integer> LOGS_KEPT = new Option<>("logsKept", Kind.NUMBER, 0);
    public static final Option<Boolean> EXIT_ZERO_ON_STOP = new Option<>("exitZeroOnStop", Kind.FLAG, false);
    public static final Option<List<String>> JVM_OPTIONS = new Option<>("jvmOptions", Kind.TEXT_LIST, List.of());
    public static final Option<Map<String, String>> ENVIRONMENT = new Option<>("environment", Kind.VARIABLES,
            Map.of());
    public static final Option<Boolean> EXACT_RELAUNCH = new Option<>("exactRelaunch", Kind.FLAG, false);
    /** An IP address and port, "127.0.0.1:80" or "[::1]:80"; null: none. */
    public static final Option<String> LISTEN = new Option<>("listen", Kind.TEXT, null);

    /** How an option's value is stored, shown and carried over the hand-off. */
    public enum Kind {
        /** A path, resolved against the original directory; null: unset. */
        PATH,
        /** A string; null: unset. */
        TEXT,
        /** An int. */
        NUMBER,
        /** An int shown in octal (a file mode mask). */
        OCTAL,
        /** A long. */
        SIZE,
        FLAG,
        DURATION,
        /** A {@link Signal}; null: none. */
        SIGNAL,
        READINESS,
        DETACH,
        /** A sorted set of ints. */
        NUMBER_SET,
        /** A list of strings. */
        TEXT_LIST,
        /** Names and values in their order, a null value meaning "removed". */
        VARIABLES
    }

    private final String name;
    private final Kind kind;
    private final T byDefault;
    private final int index;

    private Option(String name, Kind kind, T byDefault) {
        this.name = name;
        this.kind = kind;
        this.byDefault = byDefault;
        this.index = ALL.size();
        ALL.add(this);
    }

    /** Every option, in the order they are shown and carried. */
    public static List<Option<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The name its builder method and getter have. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    T byDefault() {
        return byDefault;
    }

    int index() {
        return index;
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return name;
    }
}
