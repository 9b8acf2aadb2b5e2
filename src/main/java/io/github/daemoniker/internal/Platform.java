package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.util.Optional;

/**
 * What each operating system does its own way, as four roles (five on Windows, with its service
 * manager); everything else, the flow of a daemonization included, is shared code that drives them. Each system's package supplies one
 * {@code Platform}, found here once by its class name, so that shared code depends on no system's
 * package and each system's package only on the shared one. (Not {@code ServiceLoader}: scanning
 * the class path for its files, and making every provider, cost 10–40 ms of a daemon's start.)
 */
public interface Platform {

    /** The platform this JVM runs on. */
    static Platform current() {
        return Found.CURRENT;
    }

    /** The relaunch, both sides: the original process's and the daemon's. */
    Relauncher relauncher();

    /** Opening and probing pid files. */
    PidFileAccess pidFiles();

    /** Telling processes apart, signalling and ending them. */
    Processes processes();

    /** What only Unix has (users, chroot, starting any program, systemd's socket); empty elsewhere. */
    Optional<UnixOnly> unixOnly();

    /**
     * {@link #unixOnly()}, or the one-sentence {@code refusal} as an exception: the up-front check
     * that an option or a command is for Unix only.
     */
    default UnixOnly unixOnly(String refusal) {
        return unixOnly().orElseThrow(() -> new DaemonikerException(refusal));
    }

    /** Windows' Service Control Manager; empty elsewhere. */
    default Optional<ServiceControlManager> serviceControlManager() {
        return Optional.empty();
    }

    /** {@link #serviceControlManager()}, or the one-sentence {@code refusal} as an exception. */
    default ServiceControlManager serviceControlManager(String refusal) {
        return serviceControlManager().orElseThrow(() -> new DaemonikerException(refusal));
    }

    final class Found {
        private static final Platform CURRENT = find(OperatingSystem.current().isWindows()
                ? "io.github.daemoniker.windows.WindowsPlatform" : "io.github.daemoniker.unix.UnixPlatform");

        private Found() {
        }

        private static Platform find(String className) {
            try {
                return (Platform) Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Daemoniker's platform " + className + " is missing from its jar: "
                        + "use the jar as published, or keep that class when shrinking it", e);
            }
        }
    }
}
