package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What each operating system does its own way, as four roles; everything else, the flow of a
 * daemonization included, is shared code that drives them. Each system's package supplies one
 * {@code Platform}, found here once through {@link ServiceLoader}, so that shared code depends on
 * no system's package and each system's package only on the shared one.
 */
public interface Platform {

    /** The platform this JVM runs on. */
    static Platform current() {
        return Found.CURRENT;
    }

    /** Whether this platform is the one for {@code system}. */
    boolean runsOn(OperatingSystem system);

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

    final class Found {
        private static final Platform CURRENT = find(OperatingSystem.current());

        private Found() {
        }

        private static Platform find(OperatingSystem system) {
            for (Platform platform : ServiceLoader.load(Platform.class, Platform.class.getClassLoader())) {
                if (platform.runsOn(system)) {
                    return platform;
                }
            }
            throw new IllegalStateException("no Daemoniker platform for " + system
                    + " on the class path: META-INF/services/" + Platform.class.getName() + " is missing from it");
        }
    }
}
