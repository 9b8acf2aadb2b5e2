package io.github.daemoniker.internal;

import io.github.daemoniker.Signal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Signals as they arrive, run one at a time and in arrival order on one thread,
 * {@code daemoniker-signals}: a signal that arrives while a handler runs waits its turn.
 */
public final class SignalQueue {
    private final BlockingQueue<Signal> arrivals = new LinkedBlockingQueue<>();
    private final Consumer<Signal> handler;
    private Thread thread;

    public SignalQueue(Consumer<Signal> handler) {
        this.handler = handler;
    }

    /** Called from wherever the system reports the signal; never blocks. */
    public void deliver(Signal signal) {
        arrivals.add(signal);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "daemoniker-signals");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops taking signals; one being handled finishes. Never waits, so a handler may call it:
     * its own thread is then not interrupted (its file I/O would fail), it just ends after it.
     */
    public synchronized void stop() {
        if (thread != null) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
            thread = null;
        }
    }

    private synchronized boolean current() {
        return thread == Thread.currentThread();
    }

    private void run() {
        while (current()) {
            Signal signal;
            try {
                signal = arrivals.take();
            } catch (InterruptedException e) {
                return;
            }
            handler.accept(signal);
        }
    }
}
