package io.github.daemoniker.internal;

import io.github.daemoniker.HealthCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells a supervisor that watches (systemd's {@code WatchdogSec=}) that the daemon is alive, at
 * half its interval, once it is ready — only while the application's health check, if it gave
 * one, passes within its time limit. A check that fails or hangs is said once, with its reason
 * and a thread dump, in the log, and to the supervisor, which then acts: systemd on the missed
 * deadline, a Windows service by ending as a failure.
 */
public final class Watchdog {
    /**
     * A check gets at most this part of the interval, so that its answer comes before the deadline;
     * where the supervisor sets no interval (a Windows service), the interval is this many time limits.
     */
    private static final int LIMITS_PER_INTERVAL = 4;

    private static final String HEALTHY_AGAIN = "watchdog: the health check passes again";
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static volatile Supervisor readySupervisor;
    private static volatile HealthCheck check;
    private static volatile Duration timeLimit;

    private final Supervisor supervisor;
    private final Duration interval;
    private ExecutorService checker;
    private Future<?> running;
    private long runningSince;
    private boolean failing;

    private Watchdog(Supervisor supervisor, Duration interval) {
        this.supervisor = supervisor;
        this.interval = interval;
    }

    /**
     * {@code Daemoniker.watchdog}: the health check from now on, run within {@code limit}; whether a
     * supervisor watches this process.
     */
    public static boolean watch(HealthCheck healthCheck, Duration limit) {
        Objects.requireNonNull(healthCheck, "healthCheck");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the health check's time limit must be positive, not " + limit);
        }
        Supervisor supervisor = Platform.current().supervisor();
        if (supervisor.watchdogInterval() == null && !supervisor.watchesThisProcess()) {
            return false;
        }
        synchronized (Watchdog.class) {
            if (check != null) {
                throw new IllegalStateException("this daemon's health check is already set: it is set once");
            }
            timeLimit = limit;
            check = healthCheck;
        }
        Supervisor ready = readySupervisor;
        if (ready != null) {
            begin(ready);
        }
        return true;
    }

    /**
     * Called by a supervisor once it heard that the daemon is ready: the watchdog runs from now on,
     * where the supervisor watches with an interval of its own, or else once a check is given.
     */
    public static void begin(Supervisor supervisor) {
        readySupervisor = supervisor;
        Duration interval = supervisor.watchdogInterval();
        if (interval == null && check == null) {
            return;
        }
        if (RUNNING.compareAndSet(false, true)) {
            Watchdog watchdog = new Watchdog(supervisor, interval != null ? interval
                    : timeLimit.multipliedBy(LIMITS_PER_INTERVAL));
            Thread thread = new Thread(watchdog::run, "daemoniker-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        long period = interval.toNanos() / 2;
        long next = System.nanoTime();
        while (true) {
            String failure = failure();
            if (failure == null) {
                if (failing) {
                    failing = false;
                    System.err.println("daemoniker: " + HEALTHY_AGAIN);
                    supervisor.send("STATUS=" + HEALTHY_AGAIN);
                }
                supervisor.alive();
            } else if (!failing) {
                failing = true;
                String reason = "watchdog: " + failure;
                System.err.print("daemoniker: " + reason + "; the threads, as they stand:\n" + ThreadDump.take());
                System.err.flush();
                supervisor.unhealthy(reason);
            }
            next += period;
            long now = System.nanoTime();
            if (next - now < 0) {
                // a check that took its whole limit, or a JVM that stood still: the next from now
                next = now + period;
            }
            LockSupport.parkNanos(next - now);
        }
    }

    /** Why the daemon is not healthy now, or null if it is (or there is no check, and it runs). */
    private String failure() {
        HealthCheck healthCheck = check;
        if (healthCheck == null) {
            return null;
        }
        // a check that may take longer would let the supervisor's deadline pass before its answer
        Duration limit = timeLimit.compareTo(interval.dividedBy(LIMITS_PER_INTERVAL)) > 0
                ? interval.dividedBy(LIMITS_PER_INTERVAL) : timeLimit;
        if (running != null && !running.isDone()) {
            return "the health check has not returned for " + Seconds.of(Duration.ofNanos(System.nanoTime() - runningSince))
                    + " (its time limit is " + Seconds.of(limit) + ")";
        }
        if (checker == null) {
            checker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "daemoniker-health-check");
                thread.setDaemon(true);
                return thread;
            });
        }
        runningSince = System.nanoTime();
        running = checker.submit(() -> {
            healthCheck.check();
            return null;
        });
        try {
            running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return "the health check did not return within its time limit of " + Seconds.of(limit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return "the health check failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the watchdog was interrupted";
        }
    }
}
