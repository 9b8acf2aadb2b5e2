package io.github.daemoniker.internal;

import java.nio.file.Path;

/**
 * The relaunch of this JVM as a daemon: started by the original process, finished by the daemon.
 *
 * <p>On Linux neither process needs the native layer on the way to "ready": the original process
 * launches with the JDK ({@link #startGated}), and a relaunched daemon attaches in
 * plain Java and loads the native layer ({@link #warmUp}) only once it has reported ready. Windows
 * needs Win32 calls on both sides.
 */
public interface Relauncher {

    /**
     * Where the switch's token is read from, straight from the kernel's generator, or {@code null}
     * for SecureRandom: on Unix {@code /dev/urandom}, which SecureRandom reads there too, without the
     * 20 ms its providers take to start.
     */
    default Path randomSource() {
        return null;
    }

    /** The exact command line this JVM was started with. */
    LaunchCommand currentCommand();

    /**
     * Where {@code command} is relaunched for {@code plan} with the JDK alone, begins that launch,
     * gated ({@link GatedLaunch}); else {@code null}, and the launch is {@link #launch}'s. Decided
     * once: a gated launch's original process neither loads the native layer nor waits for it,
     * and passes no lock over (the daemon takes it itself).
     */
    default GatedLaunch startGated(LaunchCommand command, String token, DaemonPlan plan) {
        return null;
    }

    /**
     * Where a daemon launched without the native layer loads it only after ready: fails, in one
     * sentence, if it could not load it there, so that no start is reported that then dies of it.
     */
    default void checkNativeLayerLoadsAfterReady() {
    }

    /**
     * Relaunches {@code command} detached from this process, with the environment switch made of
     * {@code token} and the channels the platform chose, the umask and standard streams of
     * {@code plan} in place before the JVM starts, and only the shielded descriptors inherited;
     * where {@link #startGated} did not begin it. Returns once the relaunched process has been
     * started, not once it is ready.
     */
    Launched launch(LaunchCommand command, String token, DaemonPlan plan);

    /** In a relaunched daemon: opens the channels named by the switch. */
    DaemonChannels attach(DaemonSwitch.Channels channels);

    /**
     * In a relaunched daemon, once it has reported ready: the signal dispositions and the channels
     * closed.
     */
    void settle(DaemonPlan plan, DaemonSwitch.Channels channels);

    /** In a process that stays in the foreground: umask and no core dumps. */
    void settleForeground(DaemonPlan plan);

    /** Makes {@code directory} this process's working directory (see {@link Confinement}). */
    void changeDirectory(Path directory);

    /**
     * In a settled daemon: opens its log files again by their paths (either may be {@code null})
     * and puts them in place of its stdout and stderr, with no line lost or written twice.
     */
    void reopenStreams(Path stdout, Path stderr);

    /**
     * Whether an original process should load the native layer while its setup code runs: where
     * most plans launch without it, loading it would only compete with the start for the CPUs.
     */
    boolean launchUsuallyNeedsNative();

    /** Loads the native layer, so that its first real use does not wait for it. */
    void warmUp();
}
