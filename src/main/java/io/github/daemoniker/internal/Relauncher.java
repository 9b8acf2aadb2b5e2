package io.github.daemoniker.internal;

import java.nio.file.Path;

/**
 * The relaunch of this JVM as a daemon: started by the original process, finished by the daemon.
 *
 * <p>On Unix a relaunched daemon reaches "ready" without the native layer: {@link #attach} is
 * plain Java there, so that loading the native layer ({@link #warmUp}) overlaps the daemon's start
 * instead of delaying it. Windows needs a few Win32 calls to open its inherited pipes.
 */
public interface Relauncher {

    /** The exact command line this JVM was started with. */
    LaunchCommand currentCommand();

    /**
     * Relaunches {@code command} detached from this process, with the environment switch made of
     * {@code token} and the channels the platform chose, the umask and standard streams of
     * {@code plan} in place before the JVM starts, and only the shielded descriptors inherited;
     * where {@link PidFileAccess#handsLockOver()}, the daemon inherits {@code lockedPidFile}.
     * Returns once the relaunched process has been started, not once it is ready.
     */
    Launched launch(LaunchCommand command, String token, DaemonPlan plan, OpenPidFile lockedPidFile);

    /** In a relaunched daemon: opens the channels named by the switch. */
    DaemonChannels attach(DaemonSwitch.Channels channels);

    /**
     * In a relaunched daemon, once it has reported ready: the signal dispositions, the working
     * directory, and the channels closed.
     */
    void settle(DaemonPlan plan, DaemonSwitch.Channels channels);

    /** In a process that stays in the foreground: umask, no core dumps, working directory. */
    void settleForeground(DaemonPlan plan);

    /**
     * In a settled daemon: opens its log files again by their paths (either may be {@code null})
     * and puts them in place of its stdout and stderr, with no line lost or written twice.
     */
    void reopenStreams(Path stdout, Path stderr);

    /** Loads the native layer, so that its first real use does not wait for it. */
    void warmUp();
}
