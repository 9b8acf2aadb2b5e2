package io.github.daemoniker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's pid and its parent's. On Linux from the kernel's status file:
 * {@code ProcessHandle.current()} starts the JDK's process reaper first, about 10 ms on the way to
 * a start, and in a daemon before it reports ready.
 */
public final class ThisProcess {
    private static final Path STATUS = Path.of("/proc/self/status");
    /** The last pid on this line is the one in this process's own namespace, whichever namespace /proc belongs to. */
    private static final long PID = pid(status("NSpid:"));

    private ThisProcess() {
    }

    /** The pid, as {@code getpid()} gives it. */
    public static long pid() {
        return PID;
    }

    /** The parent's pid now (0 where there is none), as /proc names it. */
    public static long parentPid() {
        OptionalLong parent = status("PPid:");
        return parent.isPresent() ? parent.getAsLong() : ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    /**
     * The effective user id (the second number of the "Uid:" line); empty off Linux. Read by hand: a
     * daemon checks its pid file's owner before it reports ready, where a regular expression costs.
     */
    static OptionalLong effectiveUid() {
        String ids = statusLine("Uid:");
        if (ids == null) {
            return OptionalLong.empty();
        }
        int from = 0;
        while (from < ids.length() && Character.isDigit(ids.charAt(from))) {
            from++;
        }
        while (from < ids.length() && !Character.isDigit(ids.charAt(from))) {
            from++;
        }
        int to = from;
        while (to < ids.length() && Character.isDigit(ids.charAt(to))) {
            to++;
        }
        return to > from ? OptionalLong.of(Long.parseLong(ids.substring(from, to))) : OptionalLong.empty();
    }

    private static long pid(OptionalLong status) {
        return status.isPresent() ? status.getAsLong() : ProcessHandle.current().pid();
    }

    /** The last number on the status line that starts with {@code name}; empty off Linux, or where there is none. */
    private static OptionalLong status(String name) {
        String numbers = statusLine(name);
        try {
            return numbers == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(numbers.substring(
                    Math.max(numbers.lastIndexOf('\t'), numbers.lastIndexOf(' ')) + 1)));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** What follows {@code name} on its line of the status file, trimmed; null off Linux, or where there is none. */
    private static String statusLine(String name) {
        if (OperatingSystem.current() != OperatingSystem.LINUX) {
            return null;
        }
        try {
            // bytes, not lines: a reader and a decoder would be loaded for this alone, before ready
            String status = "\n" + new String(Files.readAllBytes(STATUS), StandardCharsets.ISO_8859_1);
            int start = status.indexOf("\n" + name);
            if (start >= 0) {
                int end = status.indexOf('\n', start + 1);
                return status.substring(start + 1 + name.length(), end < 0 ? status.length() : end).trim();
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (a chroot), or a kernel before 4.1 (no NSpid): the JDK knows too
        }
        return null;
    }
}
