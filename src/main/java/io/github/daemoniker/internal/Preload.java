package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the native layer (~100 ms of JNA's start) on a background thread, so that it overlaps
 * the setup code (in an original process that launches with it) or the daemon's last steps (in
 * the daemon); then, unless no argument turned out to need it (see {@link PlainArguments}), Kryo
 * (~50 ms), so that it too is loaded when the setup is long. Kryo comes second and is skipped once it is known not to be needed: on a
 * 2-core machine, loading it for nothing competes with the start it was meant to speed up.
 */
final class Preload {
    private static FutureTask<Void> task;
    private static volatile boolean codecWanted = true;

    private Preload() {
    }

    /** Starts loading, once. */
    static synchronized void start() {
        if (task == null) {
            task = new FutureTask<>(() -> {
                Platform.current().relauncher().warmUp();
                if (codecWanted) {
                    ArgumentCodec.warmUp();
                }
                return null;
            });
            Thread thread = new Thread(task, "daemoniker-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** No argument needs Kryo to be encoded or decoded: it is not loaded, unless it is being loaded already. */
    static void codecNotNeeded() {
        codecWanted = false;
    }

    /** Waits for the preload, if it was started; a failure to load is the caller's failure, with its cause. */
    static void await() {
        FutureTask<Void> task;
        synchronized (Preload.class) {
            task = Preload.task;
        }
        if (task == null) {
            return;
        }
        try {
            task.get();
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
