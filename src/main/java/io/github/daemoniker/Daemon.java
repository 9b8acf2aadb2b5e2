package io.github.daemoniker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The threading-style API (pandaemonium's {@code Daemon(target=…)}): sugar over
 * {@link Daemonizer} for programs with no setup to skip.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     new Daemon(Path.of("/run/app.pid"), options).start(() -> new Server().serve());
 * }
 * }</pre>
 *
 * or subclass it and override {@link #run()}. <b>The relaunch rule:</b> the daemon is a fresh JVM
 * that runs {@code main} again from the top, so call {@code start} first thing in {@code main};
 * whatever comes before it runs twice. In the original process {@code start} does not return (it
 * exits with status 0 once the daemon is up, or throws {@link DaemonizeException}); in the daemon
 * it runs the target, and returns when the target returns.
 */
public class Daemon {
    private final Path pidFile;
    private final DaemonOptions options;

    public Daemon(Path pidFile, DaemonOptions options) {
        this.pidFile = Objects.requireNonNull(pidFile, "pidFile");
        this.options = Objects.requireNonNull(options, "options");
    }

    public Daemon(Path pidFile) {
        this(pidFile, DaemonOptions.defaults());
    }

    /** Daemonizes, then runs {@code target} in the daemon. */
    public void start(Runnable target) {
        Objects.requireNonNull(target, "target");
        Daemoniker.daemonize(pidFile, options);
        target.run();
    }

    /** Daemonizes, then runs {@link #run()} in the daemon. */
    public void start() {
        start(this::run);
    }

    /** What the daemon does; by default nothing. */
    protected void run() {
    }
}
