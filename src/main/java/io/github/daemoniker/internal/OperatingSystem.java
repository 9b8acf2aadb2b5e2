package io.github.daemoniker.internal;

import java.util.Locale;

/** The system this JVM runs on: the one place that reads {@code os.name}. */
public enum OperatingSystem {
    LINUX, MAC, WINDOWS,
    /** Another Unix (a BSD, Solaris): POSIX calls, no {@code /proc} to rely on. Never run. */
    OTHER_UNIX;

    private static final OperatingSystem CURRENT = of(System.getProperty("os.name", ""));

    /** The running system. */
    public static OperatingSystem current() {
        return CURRENT;
    }

    static OperatingSystem of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? WINDOWS
                : name.startsWith("linux") ? LINUX
                : name.startsWith("mac") || name.startsWith("darwin") ? MAC
                : OTHER_UNIX;
    }

    /** The system's own name, for a sentence ("Linux", "Windows 11", "Mac OS X"). */
    public static String shownName() {
        return System.getProperty("os.name", "this system");
    }

    public boolean isWindows() {
        return this == WINDOWS;
    }

    /** The null device, where an unset stream goes. */
    public String nullDevice() {
        return isWindows() ? "NUL" : "/dev/null";
    }
}
