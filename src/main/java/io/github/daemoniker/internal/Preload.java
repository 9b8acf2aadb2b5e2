package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the native layer, and Kryo with the token's random source, on two background threads, so
 * that their ~100 ms each overlap the setup code (in the original process) or the daemon's own
 * steps (in the daemon), on two cores at once.
 */
final class Preload implements Callable<Void> {
    private static List<FutureTask<Void>> tasks;

    private final boolean nativeLayer;
    private final boolean token;

    private Preload(boolean nativeLayer, boolean token) {
        this.nativeLayer = nativeLayer;
        this.token = token;
    }

    @Override
    public Void call() {
        if (nativeLayer) {
            Platform.current().relauncher().warmUp();
        } else {
            ArgumentCodec.warmUp();
            if (token) {
                DaemonSwitch.newToken();
            }
        }
        return null;
    }

    /** Starts loading, once; {@code originalProcess} also warms the token's random source. */
    static synchronized void start(boolean originalProcess) {
        if (tasks == null) {
            tasks = List.of(new FutureTask<>(new Preload(true, false)),
                    new FutureTask<>(new Preload(false, originalProcess)));
            for (FutureTask<Void> task : tasks) {
                Thread thread = new Thread(task, "daemoniker-preload");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** Waits for the preload, which must have been started; a failure to load is the caller's failure, with its cause. */
    static void await() {
        try {
            for (FutureTask<Void> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw Exhaustion.recognize(cause).orElseGet(() -> new DaemonizeException("Daemoniker's native layer or"
                    + " Kryo could not be loaded: " + cause, cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonizeException("interrupted while Daemoniker was loading its native layer", e);
        }
    }
}
