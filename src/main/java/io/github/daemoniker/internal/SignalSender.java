package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code Daemoniker.send}: a signal goes only to the live process that holds the pid file's lock
 * and whose pid the file names. Every other case is an exception, and nothing is sent.
 */
public final class SignalSender {

    private SignalSender() {
    }

    /**
     * Sends {@code signal} to the daemon of {@code pidFile}. With {@code trustUnlocked}, a pid
     * file that no process holds locked (as Python Daemoniker and many tools write them) is
     * trusted if its pid is alive: that pid may have been reused, which only the lock can rule out.
     */
    public static void send(Path pidFile, Signal signal, boolean trustUnlocked) {
        Path path = pidFile.toAbsolutePath().normalize();
        Platform platform = Platform.current();
        long self = ProcessHandle.current().pid();
        if (PidFileLock.heldHere(path)) {
            // this process is the daemon: opening its own pid file would drop its lock
            platform.sendSignal(self, signal, () -> PidFileLock.heldHere(path));
            return;
        }
        long pid = readPid(path);
        OptionalLong holder = platform.pidFileHolder(path);
        if (holder.isPresent()) {
            if (holder.getAsLong() != pid) {
                throw new DaemonikerException("pid file " + path + " names pid " + pid + " but is locked by pid "
                        + holder.getAsLong() + ": it is not that daemon's, so nothing was sent");
            }
            platform.sendSignal(pid, signal, () -> platform.pidFileHolder(path).equals(OptionalLong.of(pid)));
            return;
        }
        if (!platform.isRunning(pid)) {
            throw new DaemonikerException("the daemon of pid file " + path + " (pid " + pid + ") is not running:"
                    + " nothing was sent");
        }
        if (!trustUnlocked) {
            throw new DaemonikerException("pid file " + path + " names pid " + pid + ", which is running but does"
                    + " not hold the file's lock: it is not the daemon that wrote the file (its pid may have"
                    + " been reused), so nothing was sent; for a pid file written without a lock, use"
                    + " Daemoniker.sendUnlocked");
        }
        platform.sendSignal(pid, signal, () -> platform.isRunning(pid));
    }

    private static long readPid(Path path) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new DaemonikerException("pid file " + path + " does not exist: the daemon is not running, or"
                    + " uses another pid file; nothing was sent");
        } catch (IOException | RuntimeException e) {
            throw new DaemonikerException("pid file " + path + " cannot be read (" + e.getMessage()
                    + "): nothing was sent", e);
        }
        OptionalLong pid = PidFiles.parse(content);
        if (pid.isEmpty()) {
            String first = content.lines().findFirst().orElse("").strip();
            throw new DaemonikerException("pid file " + path + " does not hold a pid (its first line is '"
                    + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "'): nothing was sent");
        }
        return pid.getAsLong();
    }
}
