package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The errors a JVM throws when it runs out of what the system gives it (threads, descriptors) or
 * cannot load native code, said as the one sentence the caller of {@code daemonize} is owed
 * instead of an {@code Error} escaping from deep inside the JDK or JNA.
 */
public final class Exhaustion {

    /**
     * Free descriptors the original process needs before anything starts: its three pipes and the
     * pid file, and, where JNA still has the JDK start /sbin/ldconfig -p (all but x86-64 Linux with
     * glibc: see the unix package's JnaSearchPath), that subprocess, up to ten.
     */
    private static final int DESCRIPTORS_NEEDED = 16;

    private static final String OUT_OF_DESCRIPTORS = "this process ran out of file descriptors (Too many open"
            + " files) while starting the daemon: raise its limit (ulimit -n), or close descriptors it does not need";

    private Exhaustion() {
    }

    /**
     * Fails in one sentence, before anything starts, where this process has too few descriptors
     * free: run out half-way, the JDK's start of that subprocess closes descriptors that are not
     * its own (measured: this process's stdout and stderr among them, JDK 17 and 25) — ours must
     * not lead it there.
     */
    public static void requireDescriptors() {
        List<FileInputStream> held = new ArrayList<>(DESCRIPTORS_NEEDED);
        try {
            for (int i = 0; i < DESCRIPTORS_NEEDED; i++) {
                held.add(new FileInputStream(OperatingSystem.current().nullDevice()));
            }
        } catch (IOException e) {
            throw new DaemonizeException(OUT_OF_DESCRIPTORS, e);
        } finally {
            for (FileInputStream stream : held) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // the null device: nothing to lose
                }
            }
        }
    }

    /**
     * Loads what {@link #explain} needs, while it still can: a JVM out of descriptors cannot open
     * its own jar to load a class.
     */
    public static void prepare() {
        new DaemonizeException("").getMessage();
        outOfDescriptors();
        // and what a start that fails half-way needs to remove the pid file it created
        for (Class<?> needed : new Class<?>[] {PidFileLock.class, PidFileRemoval.class, PidFiles.class,
            OpenPidFile.Content.class, Launched.class}) {
            needed.getName();
        }
    }

    /** {@code error} as a {@link DaemonizeException}, if it is one of these; otherwise {@code error} itself. */
    public static RuntimeException explain(Error error) {
        return recognize(error).orElseThrow(() -> error);
    }

    /** {@code error} as a {@link DaemonizeException}, if it is one of these. */
    static Optional<DaemonizeException> recognize(Throwable error) {
        return Optional.ofNullable(sentence(error));
    }

    private static DaemonizeException sentence(Throwable error) {
        String said = chain(error);
        if (said.contains("Too many open files") || said.contains("Error 24") || outOfDescriptors()) {
            return new DaemonizeException(OUT_OF_DESCRIPTORS, error);
        }
        if (error instanceof NoClassDefFoundError && (said.contains("io/github/daemoniker/")
                || said.contains("io.github.daemoniker."))) {
            // its own class path was readable a moment ago: it can no longer open it
            return new DaemonizeException("this process could not load Daemoniker's own class "
                    + error.getMessage().replace('/', '.') + " while starting the daemon, most likely because it ran"
                    + " out of file descriptors: raise its limit (ulimit -n), or close descriptors it does not need",
                    error);
        }
        if (error instanceof OutOfMemoryError && said.contains("native thread")) {
            return new DaemonizeException("this process could not start a thread while starting the daemon ("
                    + error.getMessage() + "): raise its limit of processes (ulimit -u, or the container's"
                    + " pids limit)", error);
        }
        if (error instanceof LinkageError && fromNativeLayer(error)) {
            return new DaemonizeException("Daemoniker's native layer (JNA) could not be loaded (" + firstLine(said)
                    + "): if the temporary directory does not allow executables (mounted noexec), give JNA one"
                    + " that does with -Djna.tmpdir=DIR", error);
        }
        return null;
    }

    /**
     * Whether this process can open no more files: a class that cannot be loaded because its jar
     * cannot be opened says only "not found".
     */
    private static boolean outOfDescriptors() {
        try {
            new FileInputStream(OperatingSystem.current().nullDevice()).close();
            return false;
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("Too many open files");
        }
    }

    /** JNA's own loading, or the classes that bind through it, failed. */
    private static boolean fromNativeLayer(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("jna") || message.contains("io.github.daemoniker.unix.LibC")
                    || message.contains("io.github.daemoniker.windows.Win32")) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("com.sun.jna.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String chain(Throwable error) {
        StringBuilder said = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            said.append(t).append('\n');
        }
        return said.toString();
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
