package io.github.daemoniker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a pid file says about its daemon, from {@link Daemoniker#status(Path)}: the states of an
 * LSB init script's {@code status}, the pid, and one sentence for a person. A value: its
 * constructor is public, as every record's is, but the library is what makes them.
 *
 * <pre>{@code
 * DaemonStatus status = Daemoniker.status(Path.of("/run/app.pid"));
 * if (status.state() == DaemonStatus.State.RUNNING) {
 *     System.out.println("up, pid " + status.pid());
 * } else {
 *     System.out.println(status);          // "not running: no pid file /run/app.pid"
 * }
 * }</pre>
 *
 * @param pidFile the pid file, as an absolute path
 * @param state   the state
 * @param pid     the pid the file names, or 0 where it names none
 * @param reason  why it is not running, in one sentence; null where it runs
 */
public record DaemonStatus(Path pidFile, State state, long pid, String reason) {

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
                return "not running: " + reason;
            case DEAD:
                return "dead: " + reason + ", but its pid file remains";
            default:
                return "unknown: " + reason;
        }
    }
}
