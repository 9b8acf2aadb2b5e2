package io.github.daemoniker.windows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sleepers for the Linux suite: real processes ({@code sh} waiting to read its exit code), so
 * that the shared bookkeeping runs against processes that really end, with real exit codes, and
 * can be killed from outside. As with TerminateProcess, only the first ending of a sleeper counts.
 * Windows' own sleepers are suspended processes; the rest is the same code.
 */
final class ShellSleepers implements Sleepers {

    /** {@code code}: the exit code it was ended with, which a shell can only give modulo 256. */
    private record Entry(Process process, long startTime, AtomicBoolean ended, AtomicInteger code) {
    }

    private final Map<Long, Entry> started = new ConcurrentHashMap<>();

    @Override
    public Sleeper start() {
        try {
            Process process = new ProcessBuilder("sh", "-c", "read code; exit $code").start();
            Entry entry = new Entry(process, startTimeOf(process), new AtomicBoolean(), new AtomicInteger());
            started.put(process.pid(), entry);
            return new ShellSleeper(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Sleeper> open(long pid, long startTime) {
        return Optional.ofNullable(started.get(pid))
                .filter(entry -> entry.process().isAlive())
                .filter(entry -> startTimeOf(entry.process()) == startTime)
                .map(ShellSleeper::new);
    }

    /** Kills the sleeper with this pid as a tool would: not with a signal's number. */
    void killFromOutside(long pid) {
        started.get(pid).ended().set(true);
        started.get(pid).process().destroyForcibly();
    }

    boolean isAlive(long pid) {
        return started.get(pid).process().isAlive();
    }

    private static long startTimeOf(Process process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    private static final class ShellSleeper implements Sleeper {
        private final Entry entry;

        ShellSleeper(Entry entry) {
            this.entry = entry;
        }

        @Override
        public long pid() {
            return entry.process().pid();
        }

        @Override
        public long startTime() {
            return entry.startTime();
        }

        @Override
        public int awaitExit() {
            try {
                int status = entry.process().waitFor();
                return entry.code().get() != 0 && (entry.code().get() & 0xFF) == status ? entry.code().get() : status;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean end(int exitCode) {
            if (!entry.ended().compareAndSet(false, true)) {
                return false;
            }
            entry.code().set(exitCode);
            try {
                OutputStream in = entry.process().getOutputStream();
                in.write(((exitCode & 0xFF) + "\n").getBytes(StandardCharsets.US_ASCII));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            awaitExit();
            return true;
        }

        @Override
        public void close() {
            // a Process holds nothing that must be let go of
        }
    }
}
