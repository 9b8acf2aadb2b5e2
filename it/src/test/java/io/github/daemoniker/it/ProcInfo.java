package io.github.daemoniker.it;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A process as Linux shows it in /proc: what the tests look at from outside. */
final class ProcInfo {
    private final long pid;

    ProcInfo(long pid) {
        this.pid = pid;
    }

    /** /proc/PID/stat fields after the command name: state is field 3, ppid 4, pgrp 5, session 6, tty 7. */
    private String[] stat() {
        String stat = read("stat");
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        String[] fields = new String[rest.length + 3];
        fields[1] = Long.toString(pid);
        System.arraycopy(rest, 0, fields, 3, rest.length);
        return fields;
    }

    char state() {
        return stat()[3].charAt(0);
    }

    long parent() {
        return Long.parseLong(stat()[4]);
    }

    long processGroup() {
        return Long.parseLong(stat()[5]);
    }

    long session() {
        return Long.parseLong(stat()[6]);
    }

    int terminal() {
        return Integer.parseInt(stat()[7]);
    }

    String status(String field) {
        return read("status").lines().filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " in /proc/" + pid + "/status"));
    }

    /** A signal mask field of status (SigIgn, SigBlk, SigCgt) as a set bit per signal number. */
    boolean signalBit(String field, int signal) {
        return new BigInteger(status(field), 16).testBit(signal - 1);
    }

    /** The names of its threads (the kernel keeps the first 15 characters), sorted. */
    List<String> threadNames() {
        List<String> names = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException e) {
                    // ended while listing
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/" + pid + "/task", e);
        }
        Collections.sort(names);
        return names;
    }

    /** fd number to what it points at. */
    Map<Integer, String> descriptors() {
        Map<Integer, String> fds = new TreeMap<>();
        try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    fds.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (IOException e) {
                    // closed while listing
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/" + pid + "/fd", e);
        }
        return fds;
    }

    Path workingDirectory() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    List<String> commandLine() {
        byte[] bytes = readBytes("cmdline");
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }

    String environment() {
        return new String(readBytes("environ"), StandardCharsets.UTF_8);
    }

    /** Alive and not a zombie. */
    static boolean alive(long pid) {
        try {
            return new ProcInfo(pid).state() != 'Z';
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }

    private String read(String file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(String file) {
        try {
            return Files.readAllBytes(Path.of("/proc/" + pid + "/" + file));
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/" + pid + "/" + file + ": " + e.getMessage(), e);
        }
    }
}
