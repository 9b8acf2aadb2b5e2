package io.github.daemoniker.internal;

/**
 * A launch begun before its plan is checked: its process is started but waits at a gate, having
 * opened and started nothing of the plan, while the original process checks the plan, encodes the
 * arguments and marks the pid file (see {@link Relauncher#startGated}).
 */
public interface GatedLaunch {

    /** Lets the launch go on; returns once the relaunched process is started (not once it is ready). */
    Launched open();

    /** Ends the waiting process, which has done nothing, and waits until it is gone. */
    void cancel();
}
