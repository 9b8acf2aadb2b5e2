package io.github.daemoniker;

/**
 * The outcome of {@link Daemoniker#stop}: whether the daemon is gone, its pid, and one sentence
 * for a person.
 *
 * <pre>{@code
 * Stopped stopped = Daemoniker.stop(Path.of("/run/app.pid"), Duration.ofSeconds(10), true);
 * System.out.println(stopped);            // "stopped, pid 4242"
 * }</pre>
 */
public final class Stopped {
    private final boolean gone;
    private final long pid;
    private final String description;

    Stopped(boolean gone, long pid, String description) {
        this.gone = gone;
        this.pid = pid;
        this.description = description;
    }

    /**
     * Whether no daemon runs on the pid file any more: it stopped, was killed, or was not
     * running; false if it is still running.
     */
    public boolean isStopped() {
        return gone;
    }

    /** The daemon's pid, or 0 where the pid file named none. */
    public long pid() {
        return pid;
    }

    /** What happened in one sentence: "stopped, pid 12", "not running: no pid file …". */
    @Override
    public String toString() {
        return description;
    }
}
