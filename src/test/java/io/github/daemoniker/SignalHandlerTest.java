package io.github.daemoniker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Handler bookkeeping with real signals sent to this JVM: SIGUSR1 only, always with a handler of
 * ours or the test's in place (a default SIGUSR1 would end the test run).
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "SIGUSR1 exists on Unix only")
class SignalHandlerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final SignalHandler handler = new SignalHandler(Path.of("test.pid"));
    private final CapturedLog log = CapturedLog.of(SignalHandler.class);

    @AfterEach
    void stop() {
        handler.stop();
        log.close();
    }

    private static void raise() {
        assertEquals(0, TestLibc.kill(ProcessHandle.current().pid(), Signal.SIGUSR1.number()));
    }

    @Test
    void handlersRunOnTheLibrarysThreadAndCanBeReplacedAfterStart() {
        List<String> seen = new CopyOnWriteArrayList<>();
        handler.on(Signal.SIGUSR1, s -> seen.add("first " + s + " " + Thread.currentThread().getName()));
        handler.start();
        raise();
        await().atMost(DEADLINE).until(() -> seen.size() == 1);
        handler.on(Signal.SIGUSR1, s -> seen.add("second " + s));
        raise();
        await().atMost(DEADLINE).until(() -> seen.size() == 2);
        assertEquals(List.of("first SIGUSR1 daemoniker-signals", "second SIGUSR1"), seen);
    }

    @Test
    void aSignalArrivingWhileAHandlerRunsWaitsItsTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        handler.on(Signal.SIGUSR1, s -> {
            if (running.incrementAndGet() > 1) {
                overlap.incrementAndGet();
            }
            release.await(10, TimeUnit.SECONDS);
            running.decrementAndGet();
            done.incrementAndGet();
        }).start();
        raise();
        await().atMost(DEADLINE).until(() -> running.get() == 1);
        raise();
        release.countDown();
        await().atMost(DEADLINE).until(() -> done.get() == 2);
        assertEquals(0, overlap.get(), "handlers ran at the same time");
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheNextSignal() {
        AtomicInteger calls = new AtomicInteger();
        handler.on(Signal.SIGUSR1, s -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first one fails");
            }
        }).start();
        raise();
        await().atMost(DEADLINE).until(() -> calls.get() == 1);
        raise();
        await().atMost(DEADLINE).until(() -> calls.get() == 2);
        assertEquals(List.of("SEVERE the SIGUSR1 handler failed: the first one fails"), log.lines());
    }

    @Test
    void stopRestoresThePreviousHandlerAndIsIdempotent() {
        AtomicInteger previous = new AtomicInteger();
        sun.misc.SignalHandler original = sun.misc.Signal.handle(new sun.misc.Signal("USR1"),
                s -> previous.incrementAndGet());
        try {
            AtomicInteger ours = new AtomicInteger();
            handler.on(Signal.SIGUSR1, s -> ours.incrementAndGet()).start();
            raise();
            await().atMost(DEADLINE).until(() -> ours.get() == 1);
            handler.stop();
            handler.stop();
            handler.close();
            raise();
            await().atMost(DEADLINE).until(() -> previous.get() == 1);
            assertEquals(1, ours.get());
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("USR1"), original);
        }
    }

    @Test
    void awaitSignalTimesOutEmpty() throws InterruptedException {
        assertEquals(java.util.Optional.empty(), handler.awaitSignal(Duration.ofMillis(10)));
    }

    @Test
    void aNullSignalIsRefused() {
        assertThrows(NullPointerException.class, () -> handler.on(null, SignalHandler.IGNORE));
    }
}
