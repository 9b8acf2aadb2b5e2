package io.github.daemoniker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a daemon is set up: its working directory, standard streams, umask, the descriptors it
 * keeps, and how long the original process waits for it. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * DaemonOptions options = DaemonOptions.builder()
 *         .chdir(Path.of("/var/lib/myapp"))
 *         .stdout(Path.of("logs/myapp.log"))     // relative: resolved against the original directory
 *         .stderr(Path.of("logs/myapp.log"))     // the same file may take both streams
 *         .umask(0027)
 *         .successTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <p>Relative paths are resolved against the working directory of the original process, before
 * anything changes. Log files are opened for append and created if missing. Unset streams go to
 * the null device. On Windows, umask, shielded descriptors and core dumps do not apply and are
 * ignored; user, group and chroot are refused.
 */
public final class DaemonOptions {
    private static final DaemonOptions DEFAULTS = builder().build();
    /** JVM options that change what the daemon runs, not how. */
    private static final Set<String> CHANGES_WHAT_RUNS = Set.of("-jar", "-cp", "-classpath", "--class-path", "-m",
            "-p", "--module-path", "--source", "--dry-run");

    private final Path chdir;
    private final Path stdin;
    private final Path stdout;
    private final Path stderr;
    private final int umask;
    private final Set<Integer> shieldedFds;
    private final Duration successTimeout;
    private final boolean stripCmdArgs;
    private final boolean preventCore;
    private final String user;
    private final String group;
    private final Readiness readiness;
    private final Detach detach;
    private final Path chrootDirectory;
    private final Signal reopenLogsOn;
    private final long rotateLogsAt;
    private final int logsKept;
    private final boolean exitZeroOnStop;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;

    private DaemonOptions(Builder b) {
        this.chdir = b.chdir;
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.umask = b.umask;
        this.shieldedFds = Collections.unmodifiableSet(new TreeSet<>(b.shieldedFds));
        this.successTimeout = b.successTimeout;
        this.stripCmdArgs = b.stripCmdArgs;
        this.preventCore = b.preventCore;
        this.user = b.user;
        this.group = b.group;
        this.readiness = b.readiness;
        this.detach = b.detach;
        this.chrootDirectory = b.chrootDirectory;
        this.reopenLogsOn = b.reopenLogsOn;
        this.rotateLogsAt = b.rotateLogsAt;
        this.logsKept = b.logsKept;
        this.exitZeroOnStop = b.exitZeroOnStop;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    }

    /** The defaults: working directory {@code /}, streams to the null device, umask 0027, 30 s. */
    public static DaemonOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.chdir = chdir;
        b.stdin = stdin;
        b.stdout = stdout;
        b.stderr = stderr;
        b.umask = umask;
        b.shieldedFds.addAll(shieldedFds);
        b.successTimeout = successTimeout;
        b.stripCmdArgs = stripCmdArgs;
        b.preventCore = preventCore;
        b.user = user;
        b.group = group;
        b.readiness = readiness;
        b.detach = detach;
        b.chrootDirectory = chrootDirectory;
        b.reopenLogsOn = reopenLogsOn;
        b.rotateLogsAt = rotateLogsAt;
        b.logsKept = logsKept;
        b.exitZeroOnStop = exitZeroOnStop;
        b.jvmOptions.addAll(jvmOptions);
        b.environment.putAll(environment);
        return b;
    }

    /** The daemon's working directory; by default the root directory. */
    public Path chdir() {
        return chdir;
    }

    /** Where standard input comes from; empty for the null device. */
    public Optional<Path> stdin() {
        return Optional.ofNullable(stdin);
    }

    /** Where standard output goes (appended); empty for the null device. */
    public Optional<Path> stdout() {
        return Optional.ofNullable(stdout);
    }

    /** Where standard error goes (appended); empty for the null device. */
    public Optional<Path> stderr() {
        return Optional.ofNullable(stderr);
    }

    /** The daemon's file mode creation mask (Unix only). */
    public int umask() {
        return umask;
    }

    /** Inherited file descriptors the daemon keeps open under their numbers (Unix only). */
    public Set<Integer> shieldedFds() {
        return shieldedFds;
    }

    /** How long the original process waits for the daemon to report that it is up. */
    public Duration successTimeout() {
        return successTimeout;
    }

    /** Whether the daemon is relaunched without the program's own command-line arguments. */
    public boolean stripCmdArgs() {
        return stripCmdArgs;
    }

    /** Whether the daemon may not dump core (RLIMIT_CORE 0, soft and hard); true by default. */
    public boolean preventCore() {
        return preventCore;
    }

    /** The user (name or id) the daemon runs as, once it holds its pid file and logs; empty: unchanged. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The group (name or id) the daemon runs as; empty: the user's own group, or unchanged. */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /** When the original process learns the daemon is up. */
    public Readiness readiness() {
        return readiness;
    }

    /** Whether the daemon detaches; by default {@link Detach#AUTO}. */
    public Detach detach() {
        return detach;
    }

    /** The daemon's root directory, if it is to be changed (Unix, root only). */
    public Optional<Path> chrootDirectory() {
        return Optional.ofNullable(chrootDirectory);
    }

    /** The signal on which the daemon opens its stdout and stderr files again (Unix only); empty: none. */
    public Optional<Signal> reopenLogsOn() {
        return Optional.ofNullable(reopenLogsOn);
    }

    /** The size at which the daemon rotates its log files itself; empty: it never does. */
    public OptionalLong rotateLogsAt() {
        return rotateLogsAt == 0 ? OptionalLong.empty() : OptionalLong.of(rotateLogsAt);
    }

    /** How many rotated files of each log are kept ({@code app.log.1} the newest); 0 when logs are not rotated. */
    public int logsKept() {
        return logsKept;
    }

    /** Whether a stop that was asked for (SIGTERM) ends the daemon with status 0 rather than 143; false by default. */
    public boolean exitZeroOnStop() {
        return exitZeroOnStop;
    }

    /** Options for the daemon's JVM only, after the original JVM options; empty: the command line as it was. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Environment variables set (or, with a {@code null} value, removed) for the daemon only. */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DaemonOptions)) {
            return false;
        }
        DaemonOptions other = (DaemonOptions) o;
        return chdir.equals(other.chdir) && Objects.equals(stdin, other.stdin)
                && Objects.equals(stdout, other.stdout) && Objects.equals(stderr, other.stderr)
                && umask == other.umask && shieldedFds.equals(other.shieldedFds)
                && successTimeout.equals(other.successTimeout) && stripCmdArgs == other.stripCmdArgs
                && preventCore == other.preventCore && Objects.equals(user, other.user)
                && Objects.equals(group, other.group) && readiness == other.readiness && detach == other.detach
                && Objects.equals(chrootDirectory, other.chrootDirectory) && reopenLogsOn == other.reopenLogsOn
                && rotateLogsAt == other.rotateLogsAt && logsKept == other.logsKept
                && exitZeroOnStop == other.exitZeroOnStop && jvmOptions.equals(other.jvmOptions)
                && environment.equals(other.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chdir, stdin, stdout, stderr, umask, shieldedFds, successTimeout, stripCmdArgs,
                preventCore, user, group, readiness, detach, chrootDirectory, reopenLogsOn,
                rotateLogsAt, logsKept, exitZeroOnStop, jvmOptions, environment);
    }

    @Override
    public String toString() {
        return "DaemonOptions[chdir=" + chdir + ", stdin=" + stdin + ", stdout=" + stdout
                + ", stderr=" + stderr + ", umask=0" + Integer.toOctalString(umask)
                + ", shieldedFds=" + shieldedFds + ", successTimeout=" + successTimeout
                + ", stripCmdArgs=" + stripCmdArgs + ", preventCore=" + preventCore + ", user=" + user
                + ", group=" + group + ", readiness=" + readiness + ", detach=" + detach + ", chrootDirectory=" + chrootDirectory
                + ", reopenLogsOn=" + reopenLogsOn + ", rotateLogsAt=" + rotateLogsAt + ", logsKept=" + logsKept
                + ", exitZeroOnStop=" + exitZeroOnStop
                + ", jvmOptions=" + jvmOptions + ", environment=" + environment + "]";
    }

    /** Builds {@link DaemonOptions}; every setter checks its value at once. */
    public static final class Builder {
        private Path chdir = Path.of("/");
        private Path stdin;
        private Path stdout;
        private Path stderr;
        private int umask = 0027;
        private final Set<Integer> shieldedFds = new TreeSet<>();
        private Duration successTimeout = Duration.ofSeconds(30);
        private boolean stripCmdArgs;
        private boolean preventCore = true;
        private String user;
        private String group;
        private Readiness readiness = Readiness.AUTOMATIC;
        private Detach detach = Detach.AUTO;
        private Path chrootDirectory;
        private Signal reopenLogsOn;
        private long rotateLogsAt;
        private int logsKept;
        private boolean exitZeroOnStop;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {
        }

        /** The daemon's working directory, changed to once it is ready; by default {@code /}. */
        public Builder chdir(Path directory) {
            this.chdir = Objects.requireNonNull(directory, "chdir");
            return this;
        }

        /** Standard input from this file; {@code null} for the null device. */
        public Builder stdin(Path file) {
            this.stdin = file;
            return this;
        }

        /** Standard output appended to this file; {@code null} for the null device. */
        public Builder stdout(Path file) {
            this.stdout = file;
            return this;
        }

        /** Standard error appended to this file; {@code null} for the null device. */
        public Builder stderr(Path file) {
            this.stderr = file;
            return this;
        }

        /** The daemon's umask, 0 to 0777, set before its JVM starts; by default 027. */
        public Builder umask(int mask) {
            if (mask < 0 || mask > 0777) {
                throw new IllegalArgumentException("umask 0" + Integer.toOctalString(mask)
                        + " is out of range: give an octal value from 0 to 0777, such as 0027");
            }
            this.umask = mask;
            return this;
        }

        /** Keeps these inherited descriptors open in the daemon, under the same numbers. */
        public Builder shieldedFds(int... fds) {
            for (int fd : fds) {
                if (fd < 3) {
                    throw new IllegalArgumentException("file descriptor " + fd + " cannot be shielded:"
                            + " 0, 1 and 2 are always redirected; shield descriptors from 3 up");
                }
                shieldedFds.add(fd);
            }
            return this;
        }

        /**
         * How long the original process waits for the daemon to report ready before it gives up,
         * ends the daemon and throws; by default 30 seconds.
         */
        public Builder successTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("successTimeout " + timeout + " must be positive");
            }
            this.successTimeout = timeout;
            return this;
        }

        /**
         * Whether the daemon's command line loses the program's arguments (those after the main
         * class or jar), as Python Daemoniker's {@code strip_cmd_args}; by default it keeps them.
         */
        public Builder stripCmdArgs(boolean strip) {
            this.stripCmdArgs = strip;
            return this;
        }

        /** Lets the daemon dump core (RLIMIT_CORE as inherited); by default it may not. */
        public Builder preventCore(boolean prevent) {
            this.preventCore = prevent;
            return this;
        }

        /**
         * Runs the daemon as this user (a name or a numeric id), with the user's supplementary
         * groups, once it holds its pid file and has opened its logs. Needs root; "root" itself may
         * be asked for. The class path must be readable by that user.
         */
        public Builder user(String name) {
            this.user = name == null || name.isBlank() ? null : name.strip();
            return this;
        }

        /** Runs the daemon with this group (a name or a numeric id); by default the user's own. */
        public Builder group(String name) {
            this.group = name == null || name.isBlank() ? null : name.strip();
            return this;
        }

        /** When the daemon counts as ready: at the end of {@code daemonize} (by default), or at {@link Daemoniker#ready()}. */
        public Builder readiness(Readiness when) {
            this.readiness = Objects.requireNonNull(when, "readiness");
            return this;
        }

        /** Whether {@code daemonize} detaches: always, never, or unless a supervisor started it (by default). */
        public Builder detach(Detach when) {
            this.detach = Objects.requireNonNull(when, "detach");
            return this;
        }

        /**
         * Makes {@code directory} the daemon's root, once it holds its pid file and logs; the
         * working directory ({@link #chdir}) is then taken inside it. Root only. A JVM goes on
         * opening its own files by path, so the directory must hold the JVM's {@code java.home}, the
         * class path and {@code /dev/null} at the same paths: this is checked before anything starts.
         * The pid file, outside, is left behind when the daemon exits (taken over next time).
         */
        public Builder chrootDirectory(Path directory) {
            this.chrootDirectory = directory;
            return this;
        }

        /**
         * The signal (SIGHUP, SIGUSR1 or SIGUSR2; Unix only) on which the daemon opens its stdout
         * and stderr files again by their paths, so that {@code logrotate}'s {@code create} mode
         * works: the rotation moves the file, {@code daemoniker send … USR1} makes the daemon write
         * to a new one, and no line is lost. A {@link SignalHandler} that handles the same signal
         * replaces this; it can call {@link Daemoniker#reopenLogs()} itself.
         *
         * @throws IllegalArgumentException for any other signal, or one this system lacks
         */
        public Builder reopenLogsOn(Signal signal) {
            Objects.requireNonNull(signal, "signal");
            if (signal != Signal.SIGHUP && signal != Signal.SIGUSR1 && signal != Signal.SIGUSR2) {
                throw new IllegalArgumentException("logs are reopened on SIGHUP, SIGUSR1 or SIGUSR2, not on " + signal
                        + ", which has a meaning of its own");
            }
            if (!signal.isAvailable()) {
                throw new IllegalArgumentException("reopening logs on a signal is a Unix option: " + signal
                        + " does not exist on " + System.getProperty("os.name"));
            }
            this.reopenLogsOn = signal;
            return this;
        }

        /**
         * Rotation by size, done by the daemon itself, for systems or setups without
         * {@code logrotate} (Windows has none): once its stdout or stderr file reaches
         * {@code maxBytes}, the daemon renames it {@code NAME.1} (and {@code NAME.1} to
         * {@code NAME.2}, and so on, dropping the oldest beyond {@code keep}) and goes on in a new
         * {@code NAME}; no line is lost or written twice. The size is looked at once a second, so a
         * file may pass it by what is written in that second.
         *
         * <pre>{@code
         * builder.stdout(Path.of("C:\\ProgramData\\app\\app.log")).rotateLogs(10 * 1024 * 1024, 5)
         * }</pre>
         *
         * @throws IllegalArgumentException for a size under 4 KiB, or a {@code keep} outside 1 to 100
         */
        public Builder rotateLogs(long maxBytes, int keep) {
            if (maxBytes < 4096 || keep < 1 || keep > 100) {
                throw new IllegalArgumentException("logs rotate at 4096 bytes or more and keep 1 to 100 files, not at "
                        + maxBytes + " bytes keeping " + keep);
            }
            this.rotateLogsAt = maxBytes;
            this.logsKept = keep;
            return this;
        }

        /**
         * Whether a stop that was asked for — SIGTERM, as {@code daemoniker stop},
         * {@link Daemoniker#stop} and {@code systemctl stop} send it — ends the daemon with status
         * 0, so that a supervisor records a clean stop, instead of the 143 (128 + 15) of a JVM
         * ended by SIGTERM. Shutdown hooks run either way. A {@link SignalHandler} with its own
         * SIGTERM handler decides for itself; its default action follows this option.
         */
        public Builder exitZeroOnStop(boolean zero) {
            this.exitZeroOnStop = zero;
            return this;
        }

        /**
         * Options for the daemon's JVM only, such as a larger heap, a GC log or a JMX port the
         * launcher must not open: they go into the relaunch command line after the original JVM
         * options (so they win over them) and before the main class. The original command line
         * stays exact otherwise. Options that change what runs (class path, module, {@code -jar})
         * are refused.
         *
         * <pre>{@code
         * builder.jvmOptions("-Xmx2g", "-Xlog:gc:file=/var/log/app-gc.log", "-Dcom.sun.management.jmxremote.port=9010")
         * }</pre>
         *
         * @throws IllegalArgumentException for an option that does not start with '-', or that
         *         changes what runs
         */
        public Builder jvmOptions(String... options) {
            for (String option : options) {
                Objects.requireNonNull(option, "option");
                if (!option.startsWith("-") || option.startsWith("--module") || CHANGES_WHAT_RUNS.contains(option)
                        || option.startsWith("--class-path=") || option.startsWith("--module-path=")) {
                    throw new IllegalArgumentException("'" + option + "' is not a JVM option the daemon may add:"
                            + " give options that start with '-' and leave the class path, module and -jar as they are");
                }
            }
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * Sets environment variable {@code name} to {@code value} for the daemon only; a
         * {@code null} value removes it there (as {@code JAVA_TOOL_OPTIONS} the launcher needed).
         *
         * @throws IllegalArgumentException for an empty name, one with '=', or Daemoniker's own switch
         */
        public Builder environment(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0
                    || value != null && value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable name (or its value"
                        + " holds a NUL): give a name without '=' and a value without NUL");
            }
            if (name.equalsIgnoreCase("DAEMONIKER_SWITCH")) {
                throw new IllegalArgumentException("DAEMONIKER_SWITCH is Daemoniker's own variable: the daemon gets"
                        + " its own, set by the library");
            }
            environment.put(name, value);
            return this;
        }

        /** The options set so far. */
        public DaemonOptions build() {
            return new DaemonOptions(this);
        }
    }
}
