package io.github.daemoniker.internal;

import io.github.daemoniker.unix.UnixPlatform;
import io.github.daemoniker.windows.WindowsPlatform;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What each operating system does its own way. Everything else, the flow of a daemonization
 * included, is shared code that drives this interface.
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
     * {@code token} and the channels the platform chose, and the descriptors in {@code shieldedFds}
     * kept open. Returns once the relaunched process has been started, not once it is ready.
     */
    Launched launch(LaunchCommand command, String token, java.util.Set<Integer> shieldedFds);

    /** In a relaunched daemon: opens the channels named by the switch. */
    DaemonChannels attach(String channelSpec);

    /** In a relaunched daemon: umask, working directory, standard streams and signal dispositions. */
    void becomeDaemon(DaemonPlan plan);

    /** In a relaunched daemon: takes the pid file's lock for the life of the process. */
    PidFileLock lockPidFile(Path pidFile);

    /** The pid of the live process holding the pid file's lock, if one does. */
    OptionalLong pidFileHolder(Path pidFile);

    /** Ends a process at once, without letting it clean up. */
    void kill(long pid);

    final class Holder {
        private static final Platform CURRENT = System.getProperty("os.name", "").startsWith("Windows")
                ? new WindowsPlatform()
                : new UnixPlatform();

        private Holder() {
        }
    }
}
