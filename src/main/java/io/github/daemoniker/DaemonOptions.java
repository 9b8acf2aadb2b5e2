package io.github.daemoniker;

import io.github.daemoniker.internal.ListenAddress;
import io.github.daemoniker.internal.OperatingSystem;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.OptionValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    /** JVM options that change what the daemon runs, not how. */
    private static final Set<String> CHANGES_WHAT_RUNS = Set.of("-jar", "-cp", "-classpath", "--class-path", "-m",
            "-p", "--module-path", "--source", "--dry-run");

    static {
        // the library reads the values whole, by the one list of options; they are not public API
        OptionValues.readBy(new OptionValues.Reader() {
            @Override
            public OptionValues of(DaemonOptions options) {
                return options.values;
            }
        });
    }

    private final OptionValues values;

    private DaemonOptions(OptionValues values) {
        this.values = values;
    }

    private static final DaemonOptions DEFAULTS = builder().build();

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
        b.values = values;
        return b;
    }

    /** The daemon's working directory; by default the root directory. */
    public Path chdir() {
        return values.get(Option.CHDIR);
    }

    /** Where standard input comes from; empty for the null device. */
    public Optional<Path> stdin() {
        return Optional.ofNullable(values.get(Option.STDIN));
    }

    /** Where standard output goes (appended); empty for the null device. */
    public Optional<Path> stdout() {
        return Optional.ofNullable(values.get(Option.STDOUT));
    }

    /** Where standard error goes (appended); empty for the null device. */
    public Optional<Path> stderr() {
        return Optional.ofNullable(values.get(Option.STDERR));
    }

    /** The daemon's file mode creation mask (Unix only). */
    public int umask() {
        return values.get(Option.UMASK);
    }

    /** Inherited file descriptors the daemon keeps open under their numbers (Unix only). */
    public Set<Integer> shieldedFds() {
        return values.get(Option.SHIELDED_FDS);
    }

    /** How long the original process waits for the daemon to report that it is up. */
    public Duration successTimeout() {
        return values.get(Option.SUCCESS_TIMEOUT);
    }

    /** Whether the daemon is relaunched without the program's own command-line arguments. */
    public boolean stripCmdArgs() {
        return values.get(Option.STRIP_CMD_ARGS);
    }

    /** Whether the daemon may not dump core (RLIMIT_CORE 0, soft and hard); true by default. */
    public boolean preventCore() {
        return values.get(Option.PREVENT_CORE);
    }

    /** The user (name or id) the daemon runs as, once it holds its pid file and logs; empty: unchanged. */
    public Optional<String> user() {
        return Optional.ofNullable(values.get(Option.USER));
    }

    /** The group (name or id) the daemon runs as; empty: the user's own group, or unchanged. */
    public Optional<String> group() {
        return Optional.ofNullable(values.get(Option.GROUP));
    }

    /** The address the daemon listens on, bound by the original process (see {@link Builder#listen}). */
    public Optional<java.net.InetSocketAddress> listen() {
        return Optional.ofNullable(values.get(Option.LISTEN)).map(ListenAddress::parse);
    }

    /** When the original process learns the daemon is up. */
    public Readiness readiness() {
        return values.get(Option.READINESS);
    }

    /** Whether the daemon detaches; by default {@link Detach#AUTO}. */
    public Detach detach() {
        return values.get(Option.DETACH);
    }

    /** The daemon's root directory, if it is to be changed (Unix, root only). */
    public Optional<Path> chrootDirectory() {
        return Optional.ofNullable(values.get(Option.CHROOT_DIRECTORY));
    }

    /** The signal on which the daemon opens its stdout and stderr files again (Unix only); empty: none. */
    public Optional<Signal> reopenLogsOn() {
        return Optional.ofNullable(values.get(Option.REOPEN_LOGS_ON));
    }

    /** The size at which the daemon rotates its log files itself; empty: it never does. */
    public OptionalLong rotateLogsAt() {
        long at = values.get(Option.ROTATE_LOGS_AT);
        return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** How many rotated files of each log are kept ({@code app.log.1} the newest); 0 when logs are not rotated. */
    public int logsKept() {
        return values.get(Option.LOGS_KEPT);
    }

    /** Whether a stop that was asked for (SIGTERM) ends the daemon with status 0 rather than 143; false by default. */
    public boolean exitZeroOnStop() {
        return values.get(Option.EXIT_ZERO_ON_STOP);
    }

    /** Options for the daemon's JVM only, after the original JVM options; empty: the command line as it was. */
    public List<String> jvmOptions() {
        return values.get(Option.JVM_OPTIONS);
    }

    /** Environment variables set (or, with a {@code null} value, removed) for the daemon only. */
    public Map<String, String> environment() {
        return values.get(Option.ENVIRONMENT);
    }

    /** Whether the relaunch leaves out the library's own additions (the README lists them); false by default. */
    public boolean exactRelaunch() {
        return values.get(Option.EXACT_RELAUNCH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaemonOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "DaemonOptions[" + values + "]";
    }

    /** Builds {@link DaemonOptions}; every setter checks its value at once. */
    public static final class Builder {
        private OptionValues values = OptionValues.defaults();

        private Builder() {
        }

        /** The daemon's working directory, changed to once it is ready; by default {@code /}. */
        public Builder chdir(Path directory) {
            values = values.with(Option.CHDIR, Objects.requireNonNull(directory, "chdir"));
            return this;
        }

        /** Standard input from this file; {@code null} for the null device. */
        public Builder stdin(Path file) {
            values = values.with(Option.STDIN, file);
            return this;
        }

        /**
         * Listens on {@code address} (an IP address and port) for the daemon, jsvc's way in pure Java:
         * the original process binds it — as root, a port below 1024 — before anything else, and the
         * daemon, dropped to {@link #user} perhaps, gets the listening socket as its standard input,
         * which {@link Daemoniker#listeningChannel()} (or {@code System.inheritedChannel()}) gives as a
         * {@code ServerSocketChannel}. Unix only; not with {@link #stdin}. {@code null}: none.
         *
         * @throws IllegalArgumentException for an address that is not an IP address and port (a host
         *         name is not resolved here)
         */
        public Builder listen(java.net.InetSocketAddress address) {
            if (address != null && (address.isUnresolved() || address.getPort() == 0)) {
                throw new IllegalArgumentException("the daemon listens on an IP address and a port, not " + address
                        + ": give them (new InetSocketAddress(\"127.0.0.1\", 80))");
            }
            values = values.with(Option.LISTEN, address == null ? null : ListenAddress.format(address));
            return this;
        }

        /** Standard output appended to this file; {@code null} for the null device. */
        public Builder stdout(Path file) {
            values = values.with(Option.STDOUT, file);
            return this;
        }

        /** Standard error appended to this file; {@code null} for the null device. */
        public Builder stderr(Path file) {
            values = values.with(Option.STDERR, file);
            return this;
        }

        /** The daemon's umask, 0 to 0777, set before its JVM starts; by default 027. */
        public Builder umask(int mask) {
            if (mask < 0 || mask > 0777) {
                throw new IllegalArgumentException("umask 0" + Integer.toOctalString(mask)
                        + " is out of range: give an octal value from 0 to 0777, such as 0027");
            }
            values = values.with(Option.UMASK, mask);
            return this;
        }

        /** Keeps these inherited descriptors open in the daemon, under the same numbers. */
        public Builder shieldedFds(int... fds) {
            for (int fd : fds) {
                if (fd < 3) {
                    throw new IllegalArgumentException("file descriptor " + fd + " cannot be shielded:"
                            + " 0, 1 and 2 are always redirected; shield descriptors from 3 up");
                }
            }
            Set<Integer> shielded = new TreeSet<>(values.get(Option.SHIELDED_FDS));
            for (int fd : fds) {
                shielded.add(fd);
            }
            values = values.with(Option.SHIELDED_FDS, shielded);
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
            values = values.with(Option.SUCCESS_TIMEOUT, timeout);
            return this;
        }

        /**
         * Whether the daemon's command line loses the program's arguments (those after the main
         * class or jar), as Python Daemoniker's {@code strip_cmd_args}; by default it keeps them.
         */
        public Builder stripCmdArgs(boolean strip) {
            values = values.with(Option.STRIP_CMD_ARGS, strip);
            return this;
        }

        /** Lets the daemon dump core (RLIMIT_CORE as inherited); by default it may not. */
        public Builder preventCore(boolean prevent) {
            values = values.with(Option.PREVENT_CORE, prevent);
            return this;
        }

        /**
         * Runs the daemon as this user (a name or a numeric id), with the user's supplementary
         * groups, once it holds its pid file and has opened its logs. Needs root; "root" itself may
         * be asked for. The class path must be readable by that user.
         */
        public Builder user(String name) {
            values = values.with(Option.USER, name == null || name.isBlank() ? null : name.strip());
            return this;
        }

        /** Runs the daemon with this group (a name or a numeric id); by default the user's own. */
        public Builder group(String name) {
            values = values.with(Option.GROUP, name == null || name.isBlank() ? null : name.strip());
            return this;
        }

        /** When the daemon counts as ready: at the end of {@code daemonize} (by default), or at {@link Daemoniker#ready()}. */
        public Builder readiness(Readiness when) {
            values = values.with(Option.READINESS, Objects.requireNonNull(when, "readiness"));
            return this;
        }

        /** Whether {@code daemonize} detaches: always, never, or unless a supervisor started it (by default). */
        public Builder detach(Detach when) {
            values = values.with(Option.DETACH, Objects.requireNonNull(when, "detach"));
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
            values = values.with(Option.CHROOT_DIRECTORY, directory);
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
                        + " does not exist on " + OperatingSystem.shownName());
            }
            values = values.with(Option.REOPEN_LOGS_ON, signal);
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
            values = values.with(Option.ROTATE_LOGS_AT, maxBytes).with(Option.LOGS_KEPT, keep);
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
            values = values.with(Option.EXIT_ZERO_ON_STOP, zero);
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
            List<String> all = new ArrayList<>(values.get(Option.JVM_OPTIONS));
            all.addAll(List.of(options));
            values = values.with(Option.JVM_OPTIONS, all);
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
            Map<String, String> environment = new LinkedHashMap<>(values.get(Option.ENVIRONMENT));
            environment.put(name, value);
            values = values.with(Option.ENVIRONMENT, environment);
            return this;
        }

        /**
         * Relaunches the command line exactly as it was, without the library's own additions, each
         * of which alters nothing the program does and is listed in the README: on JDK 24 and
         * later {@code --enable-native-access} for the library where the command line does not
         * settle native access, and the removal of a jpackage launcher's {@code _JPACKAGE_LAUNCHER}.
         * Where native access is denied, a start is refused either way.
         */
        public Builder exactRelaunch(boolean exact) {
            values = values.with(Option.EXACT_RELAUNCH, exact);
            return this;
        }

        /** The options set so far. */
        public DaemonOptions build() {
            return new DaemonOptions(values);
        }
    }
}
