package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's pid. */
public final class ThisProcess {
    private static final long PID = find();

    private ThisProcess() {
    }

    /** The pid, as {@code getpid()} gives it. */
    public static long pid() {
        return PID;
    }

    /**
     * On Linux from the kernel's status file: {@code ProcessHandle.current()} starts the JDK's
     * process reaper first, about 10 ms on a daemon's way to ready. The last pid on the
     * {@code NSpid} line is the one in this process's own namespace, whichever namespace the
     * mounted /proc belongs to.
     */
    private static long find() {
        if (OperatingSystem.current() == OperatingSystem.LINUX) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("NSpid:")) {
                        String pids = line.substring(6).trim();
                        return Long.parseLong(pids.substring(Math.max(pids.lastIndexOf('\t'), pids.lastIndexOf(' ')) + 1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /proc (a chroot), or a kernel before 4.1: the JDK knows too
            }
        }
        return ProcessHandle.current().pid();
    }
}
