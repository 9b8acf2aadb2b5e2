package io.github.daemoniker.windows;

import io.github.daemoniker.internal.Poll;
import io.github.daemoniker.internal.Seconds;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Sending a signal on Windows: ending the daemon's current sleeper with the signal's number. The
 * sleeper is opened (so its pid cannot be reused) and checked against its start time before it
 * is ended; one that was ended meanwhile, by another sender or a tool, is being replaced by the
 * daemon, so the sender waits for the next one instead of losing its signal. Which sender's ending
 * counted is told by the exit code the sleeper ended with: each sender's is its own.
 */
final class SleeperSender {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private SleeperSender() {
    }

    /** Sends {@code signal} to {@code daemonPid}, the daemon of {@code pidFile}, through its sleeper. */
    public static void send(Path pidFile, long daemonPid, Signal signal, BooleanSupplier stillTheSame,
                            Sleepers sleepers) {
        int number = WindowsSignalCodes.number(signal.name());
        if (number == 0) {
            throw new DaemonikerException(signal + " does not exist on Windows: send SIGINT, SIGTERM or SIGABRT");
        }
        if (SleeperFile.read(pidFile).filter(file -> file.daemonPid() == daemonPid).isEmpty()) {
            throw new DaemonikerException(signal + " could not be sent to the daemon of pid file " + pidFile
                    + " (pid " + daemonPid + "): it has no SignalHandler started (no sleeper file "
                    + SleeperFile.of(pidFile).getFileName() + "), so it cannot receive signals on Windows; nothing"
                    + " was sent");
        }
        int code = WindowsSignalCodes.senderCode(number, java.util.concurrent.ThreadLocalRandom.current().nextInt());
        boolean sent = Poll.until(() -> {
            Optional<SleeperFile> named;
            try {
                named = SleeperFile.read(pidFile).filter(file -> file.daemonPid() == daemonPid);
            } catch (UncheckedIOException e) {
                // Windows refuses to open a file while it is being renamed into place
                return false;
            }
            if (named.isEmpty()) {
                return false;
            }
            Optional<Sleepers.Sleeper> sleeper = sleepers.open(named.get().sleeperPid(), named.get().startTime());
            if (sleeper.isEmpty()) {
                return false;
            }
            try (Sleepers.Sleeper target = sleeper.get()) {
                if (!stillTheSame.getAsBoolean()) {
                    throw new DaemonikerException("process " + daemonPid + " stopped being the holder of pid file "
                            + pidFile + " while the signal was being sent: nothing was sent");
                }
                return target.end(code);
            }
        }, PATIENCE);
        if (!sent) {
            throw new DaemonikerException(signal + " could not be sent to the daemon of pid file " + pidFile
                    + " (pid " + daemonPid + "): its signal sleeper ended and was not replaced within "
                    + Seconds.of(PATIENCE) + ", so the daemon is stopping or stopped handling signals; nothing was sent");
        }
    }
}
