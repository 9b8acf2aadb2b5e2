package io.github.daemoniker.internal;

import io.github.daemoniker.Signal;
import io.github.daemoniker.unix.UnixPlatform;
import io.github.daemoniker.windows.WindowsPlatform;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What each operating system does its own way. Everything else, the flow of a daemonization
 * included, is shared code that drives this interface.
 *
 * <p>On Unix a relaunched daemon reaches "ready" without this interface's native layer:
 * {@link #attach} and {@link #hasOpen} are plain Java there, so that loading the native layer
 * ({@link #warmUp}) overlaps the daemon's start instead of delaying it. Windows needs a few Win32
 * calls to open its inherited pipes.
 */
public interface Platform {

    /** The platform this JVM runs on. */
    static Platform current() {
        return Holder.CURRENT;
    }

    /** The exact command line this JVM was started with. */
    LaunchCommand currentCommand();

    /**
     * Relaunches {@code command} detached from this process, with the environment switch made of
     * {@code token} and the channels the platform chose, the umask and standard streams of
     * {@code plan} in place before the JVM starts, and only the shielded descriptors inherited.
     * Returns once the relaunched process has been started, not once it is ready.
     */
    Launched launch(LaunchCommand command, String token, DaemonPlan plan, OpenPidFile lockedPidFile);

    /**
     * Whether the original process locks the pid file and the relaunched one inherits the lock
     * ({@code lockedPidFile} above), so that a second start or a {@code stop} sees a start in
     * progress; otherwise the daemon locks it itself.
     */
    boolean handsPidFileLockOver();

    /**
     * Opens the regular file at {@code path} as a pid file (see {@link OpenPidFile}), read-write
     * and created if missing when {@code create}.
     */
    OpenPidFile openPidFile(Path path, boolean create) throws java.io.IOException;

    /** In a relaunched daemon: opens the channels named by the switch. */
    DaemonChannels attach(String channelSpec);

    /** Loads the native layer, so that its first real use does not wait for it. */
    void warmUp();

    /**
     * Whether process {@code pid} has the file now at {@code path} open. Plain Java for this
     * process, so that a daemon can check its pid file before the native layer is loaded.
     */
    boolean hasOpen(long pid, Path path);

    /**
     * A process other than {@code except} that has the file at {@code path} open, where the system
     * can tell (-1 where it cannot): the likely holder of a lock that names no process.
     */
    long otherProcessWithOpen(Path path, long except);

    /**
     * Starts any program as a daemon, inheriting {@code lockedPidFile} and with it the lock;
     * returns the pid once the program runs (the caller writes it into the pid file).
     */
    long startProgram(java.util.List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile);

    /**
     * In a relaunched daemon, once it has reported ready: the signal dispositions, the working
     * directory, and the channel descriptors closed.
     */
    void settle(DaemonPlan plan, String channelSpec);

    /**
     * Routes {@code signal}, sent to the daemon of {@code pidFile}, to {@code sink} instead of its
     * current handler; returns what puts the previous handler back. (Windows delivers signals
     * through the pid file; Unix through the process.)
     *
     * @throws io.github.daemoniker.SignalError if the JVM will not give the signal up
     */
    Runnable handleSignal(Path pidFile, Signal signal, Consumer<Signal> sink);

    /**
     * Sends {@code signal} to {@code pid}, the daemon of {@code pidFile}, if {@code stillTheSame}
     * still says so once the process is pinned (where the system can pin it, its pid cannot be
     * reused in between).
     */
    void sendSignal(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame);

    /** Ends {@code pid} at once (SIGKILL, TerminateProcess), with the same pinning. */
    void kill(long pid, BooleanSupplier stillTheSame);

    /**
     * Fails, in one sentence, if this process could not become {@code user} / {@code group}
     * (names or ids; either may be {@code null}): unknown, or not root.
     */
    void checkRunAs(String user, String group);

    /** Changes this process's root directory to {@code directory}, and its working directory to it. */
    void chroot(Path directory);

    /** Becomes {@code user} (with its supplementary groups) and {@code group}, for good. */
    void runAs(String user, String group);

    /** Whether {@code pid} is a running process (a zombie, dead but not yet reaped, is not). */
    boolean isRunning(long pid);

    /** In a process that stays in the foreground: umask, no core dumps, working directory. */
    void settleForeground(DaemonPlan plan);

    /** Sends one datagram to a Unix socket ({@code @name}: the abstract namespace). */
    void sendDatagram(String socket, byte[] message);

    final class Holder {
        private static final Platform CURRENT = System.getProperty("os.name", "").startsWith("Windows")
                ? new WindowsPlatform()
                : new UnixPlatform();

        private Holder() {
        }
    }
}
