package io.github.daemoniker;

import io.github.daemoniker.internal.ParentExit;
import java.nio.file.Path;

/**
 * The one-call forms: daemonize the program, and (with the signals support) signal a daemon.
 *
 * <pre>{@code
 * public static void main(String[] argv) {
 *     Object[] args = Daemoniker.daemonize(Path.of("/run/myapp.pid"), options, argv[0]);
 *     // only the daemon gets here; the original process exited with status 0 once it was up
 *     serve((String) args[0]);
 * }
 * }</pre>
 *
 * <p>The daemon runs {@code main} again from the top, so code before the call runs twice; use
 * {@link Daemonizer} for setup code that must run once.
 */
public final class Daemoniker {

    private Daemoniker() {
    }

    /** {@link #daemonize(Path, DaemonOptions, Object...)} with {@link DaemonOptions#defaults()}. */
    public static Object[] daemonize(Path pidFile, Object... args) {
        return daemonize(pidFile, DaemonOptions.defaults(), args);
    }

    /**
     * Daemonizes the program. In the original process this does not return: the process exits
     * with status 0 once the daemon has reported ready (or the {@link DaemonizeException} is
     * thrown). In the daemon it returns the arguments the original process passed.
     */
    public static Object[] daemonize(Path pidFile, DaemonOptions options, Object... args) {
        Daemonized daemonized = new Daemonizer().daemonize(pidFile, options, args);
        if (daemonized.isParent()) {
            ParentExit.exitNow(0);
        }
        return daemonized.args();
    }
}
