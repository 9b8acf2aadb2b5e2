package io.github.daemoniker.unix;

import static io.github.daemoniker.unix.UnixConstants.O_CLOEXEC;
import static io.github.daemoniker.unix.UnixConstants.O_CREAT;
import static io.github.daemoniker.unix.UnixConstants.O_NOFOLLOW;
import static io.github.daemoniker.unix.UnixConstants.O_RDWR;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.PidFileStatus;
import io.github.daemoniker.internal.PidFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemonizes a program that knows nothing of pid files. Its pid file is locked here with an
 * open-file-description lock (Linux 3.15+) on a descriptor the program inherits: the lock belongs
 * to that descriptor, so it lives exactly as long as the program keeps it, and dies with it. A
 * reader cannot learn such a lock's owner from the kernel, so it checks that the pid the file
 * names has the file open. A program that closes the descriptors it inherited gives the lock up.
 */
final class UnixProgramStarter {
    private static final long EXEC_DEADLINE_NANOS = 5_000_000_000L;
    /** How {@link UnixLauncher#launchProgram}'s script begins ("ulimit" or "umask"), to tell the shell from the program. */
    private static final String SCRIPT_START = "u";

    private UnixProgramStarter() {
    }

    static long start(List<String> command, DaemonPlan plan) {
        if (com.sun.jna.Platform.isMac()) {
            throw new DaemonizeException("starting other programs needs Linux's open-file-description locks,"
                    + " which macOS does not have");
        }
        Path pidFile = plan.pidFile();
        int fd = LibC.Variadic.INSTANCE.open(pidFile.toString(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd == -1) {
            throw Errno.failure("pid file " + pidFile + " could not be opened", Errno.last());
        }
        try {
            if (LibC.Variadic.INSTANCE.fcntl(fd, UnixConstants.F_OFD_SETLK, UnixPidFile.wholeFileWriteLock()) == -1) {
                throw PidFileStatus.of(pidFile).inUse().orElseGet(() -> new DaemonizeException("pid file "
                        + pidFile + " could not be locked: " + Errno.describe(Errno.last())));
            }
            Launched launched = UnixLauncher.launchProgram(command, plan, fd);
            launched.handOff().close();
            long pid = readPid(launched, command);
            Files.writeString(pidFile, PidFiles.format(pid), StandardCharsets.US_ASCII);
            awaitExec(pid, pidFile, plan, command);
            return pid;
        } catch (IOException e) {
            throw new DaemonizeException("pid file " + pidFile + " could not be written: " + e.getMessage(), e);
        } finally {
            // the program holds its own copy of the descriptor, and with it the lock
            LibC.close(fd);
        }
    }

    /** The shell says the program's pid; or, if it could not start it, why, on its stderr. */
    private static long readPid(Launched launched, List<String> command) throws IOException {
        try (BufferedReader readiness = new BufferedReader(new InputStreamReader(launched.readiness(),
                StandardCharsets.US_ASCII))) {
            String line = readiness.readLine();
            if (line != null && line.matches("[1-9][0-9]*")) {
                launched.output().close();
                return Long.parseLong(line);
            }
        }
        String output = new String(launched.output().readAllBytes(), StandardCharsets.UTF_8).strip();
        throw new DaemonizeException("the program " + command.get(0) + " could not be started"
                + (output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("")));
    }

    /**
     * Until the background job has replaced the shell with the program, its command line is the
     * shell's; if it ends instead, the exec failed (its reason is in the program's stderr).
     */
    private static void awaitExec(long pid, Path pidFile, DaemonPlan plan, List<String> command) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        long deadline = System.nanoTime() + EXEC_DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            byte[] current;
            try {
                current = Files.readAllBytes(cmdline);
            } catch (IOException e) {
                current = new byte[0];
            }
            boolean running = io.github.daemoniker.internal.Platform.current().isRunning(pid);
            if (!running) {
                Files.deleteIfExists(pidFile);
                throw new DaemonizeException("the program " + command.get(0) + " exited at once"
                        + (plan.stderr() == null ? "; its stderr went to the null device: set --stderr to see why"
                                : ": see its stderr log " + plan.stderr()));
            }
            if (!new String(current, StandardCharsets.UTF_8).startsWith("/bin/sh\0-c\0" + SCRIPT_START)) {
                return;
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
