package io.github.daemoniker.unix;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a Unix launch ends, for {@link io.github.daemoniker.internal.Launched}: a failed one by
 * ending the shell's process group, a finished one by closing this process's read ends. A class
 * rather than two lambdas: it is made on every start's way to the launch, where each lambda is
 * spun into a class at its first use.
 */
final class ShellLaunchEnding implements Consumer<Duration>, Runnable {
    private final int processGroup;
    private final InputStream[] readers;

    ShellLaunchEnding(int processGroup, InputStream... readers) {
        this.processGroup = processGroup;
        this.readers = readers;
    }

    /** Abandons the launch: see {@link UnixLauncher#abandon}. */
    @Override
    public void accept(Duration grace) {
        UnixLauncher.abandon(processGroup, grace);
    }

    /** Stops the reads of the readiness and output pipes. */
    @Override
    public void run() {
        for (InputStream reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                // closed already, by its reader at the end of the pipe
            }
        }
    }
}
