package io.github.daemoniker;

/**
 * The outcome of {@link Daemoniker#stop}: whether the daemon is gone, its pid, and one sentence
 * for a person. A value: its constructor is public, as every record's is, but the library is what
 * makes them.
 *
 * <pre>{@code
 * Stopped stopped = Daemoniker.stop(Path.of("/run/app.pid"), Duration.ofSeconds(10), true);
 * System.out.println(stopped);            // "stopped, pid 4242"
 * }</pre>
 *
 * @param isStopped   whether no daemon runs on the pid file any more: it stopped, was killed, or was
 *                    not running; false if it is still running
 * @param pid         the daemon's pid, or 0 where the pid file named none
 * @param description what happened in one sentence: "stopped, pid 12", "not running: no pid file …"
 */
public record Stopped(boolean isStopped, long pid, String description) {

    /** {@link #description()}. */
    @Override
    public String toString() {
        return description;
    }
}
