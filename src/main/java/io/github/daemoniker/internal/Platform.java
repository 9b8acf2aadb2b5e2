package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each operating system does its own way, as four roles (five on Windows, with its service
 * manager); everything else, the flow of a daemonization included, is shared code that drives them. Each system's package supplies one
 * {@code Platform}, found here once by its class name, so that shared code depends on no system's
 * package and each system's package only on the shared one. (Not {@code ServiceLoader}: scanning
 * the class path for its files, and making every provider, cost 10–40 ms of a daemon's start. Nor
 * a reflective constructor call: on JDK 18 and later its first use costs ~3.5 ms in each JVM of a
 * start. Loading the class by name runs its initializer, which registers its one instance.)
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

    /** The supervisor that may have started this process: systemd, the Service Control Manager. */
    Supervisor supervisor();

    /** What only Unix has (users, chroot, starting any program, systemd's socket); empty elsewhere. */
    Optional<UnixOnly> unixOnly();

    /**
     * {@link #unixOnly()}, or the one-sentence {@code refusal} as an exception: the up-front check
     * that an option or a command is for Unix only.
     */
    default UnixOnly unixOnly(String refusal) {
        return unixOnly().orElseThrow(() -> new DaemonikerException(refusal));
    }

    /** Windows' Service Control Manager, to install and remove services; empty elsewhere. */
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
                Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Daemoniker's platform " + className + " is missing from its jar: "
                        + "use the jar as published, or keep that class when shrinking it", e);
            }
            Platform platform = Registration.PLATFORMS.get(className);
            if (platform == null) {
                throw new IllegalStateException("Daemoniker's platform " + className + " did not register itself as"
                        + " it was loaded: use the jar as published, or keep its static initializer when shrinking it");
            }
            return platform;
        }
    }

    /**
     * Where a system's platform class puts its one instance, from its static initializer. A class
     * of its own, with nothing to initialize: {@link Found} may be initialized before or after it.
     */
    final class Registration {
        private static final Map<String, Platform> PLATFORMS = new ConcurrentHashMap<>();

        private Registration() {
        }

        /** Called by the system's platform class as it is initialized. */
        public static void register(Platform instance) {
            PLATFORMS.putIfAbsent(instance.getClass().getName(), instance);
        }
    }
}
