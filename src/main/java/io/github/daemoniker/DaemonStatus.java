package io.github.daemoniker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a pid file says about its daemon, from {@link Daemoniker#status(Path)}: the states of an
 * LSB init script's {@code status}, the pid, and one sentence for a person.
 *
 * <pre>{@code
 * DaemonStatus status = Daemoniker.status(Path.of("/run/app.pid"));
 * if (status.state() == DaemonStatus.State.RUNNING) {
 *     System.out.println("up, pid " + status.pid());
 * } else {
 *     System.out.println(status);          // "not running: no pid file /run/app.pid"
 * }
 * }</pre>
 */
public final class DaemonStatus {

    /** The states of an LSB init script's {@code status}, whose exit codes they carry. */
    public enum State {
        /** The pid file names the live process that holds its lock (exit code 0). */
        RUNNING(0),
        /** The daemon is dead, but its pid file remains (exit code 1). */
        DEAD(1),
        /** There is no pid file (exit code 3). */
        NOT_RUNNING(3),
        /** The pid file cannot be read, or cannot be trusted (exit code 4). */
        UNKNOWN(4);

        private final int exitCode;

        State(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code an LSB init script's {@code status} gives for this state. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Path pidFile;
    private final State state;
    private final long pid;
    /** Why it is not running, where it is not. */
    private final String reason;

    DaemonStatus(Path pidFile, State state, long pid, String reason) {
        this.pidFile = pidFile;
        this.state = state;
        this.pid = pid;
        this.reason = reason;
    }

    /** The pid file, as an absolute path. */
    public Path pidFile() {
        return pidFile;
    }

    /** The state. */
    public State state() {
        return state;
    }

    /** The pid the file names, or 0 where it names none. */
    public long pid() {
        return pid;
    }

    /** When the running daemon started, where the system says. */
    public Optional<Instant> since() {
        return state == State.RUNNING ? ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()) : Optional.empty();
    }

    /** The status in one sentence: "running, pid 12", "not running: no pid file /run/app.pid", …. */
    @Override
    public String toString() {
        switch (state) {
            case RUNNING:
                return "running, pid " + pid + since().map(start -> ", since " + start).orElse("");
            case NOT_RUNNING:
                return "not running: " + (reason == null ? "no pid file " + pidFile : reason);
            case DEAD:
                return "dead: " + reason + ", but its pid file remains";
            default:
                return "unknown: " + reason;
        }
    }
}
