package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonStatus;
import io.github.daemoniker.Daemoniker;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.PidFiles;
import io.github.daemoniker.it.fixtures.PidLockHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pid-file protocol, one row of ARCHITECTURE.md's table ("Pid-file locks") per test: every
 * kind of holder, a real process in the state it names, and what a status, a second start and a
 * signal conclude from other processes. A second start refused names the holder; one that starts
 * has taken the file over; a signal goes only to a holder that runs, the file naming it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it reads the holders' locks through Linux's /proc")
class PidFileProtocolIT extends DaemonTestSupport {

    /** A POSIX lock of the whole file, as a program of its own would take it (lockf), with {@code pid} written. */
    private static final String FOREIGN_LOCK = "import fcntl, os, sys, time\n"
            + "f = open(sys.argv[1], 'w')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
            + "f.write((sys.argv[2] if len(sys.argv) > 2 else str(os.getpid())) + '\\n')\n"
            + "f.flush()\n"
            + "print('held', flush=True)\n"
            + "time.sleep(600)\n";

    /**
     * What the readers should conclude about a holder: the status's state and pid; the pid a second
     * start's refusal names as running, or 0 where the second start takes the file over.
     */
    private record Expected(DaemonStatus.State state, long pid, long refusalNames) {
    }

    enum Holder {
        /** A daemon started by the JDK's launch: its JDK lock until ready, an open-file-description lock after. */
        DAEMON,
        /** A daemon launched by posix_spawn (for a shielded descriptor), which takes its lock as the JDK launch's does. */
        SPAWNED_DAEMON,
        /** A daemon in the foreground (as under systemd): its own open-file-description lock. */
        FOREGROUND_DAEMON,
        /** A start in progress: the original process's mark, the file still empty while its daemon sleeps before daemonize. */
        START_IN_PROGRESS,
        /** A foreground program's PidLockFile. */
        PID_LOCK_FILE,
        /** A program that is not Java, started by {@code daemoniker start}: the lock it inherited. */
        STARTED_PROGRAM,
        /** Another program's POSIX lock, its own pid written. */
        FOREIGN_LOCK,
        /** Another program's POSIX lock, the file naming some other live process. */
        FOREIGN_LOCK_OTHER_PID,
        /** Nobody's lock, the pid of a process that has exited. */
        STALE,
        /** Nobody's lock, nothing written (a start killed before it wrote its pid). */
        EMPTY,
        /** Nobody's lock, the pid of a live process that is not holding it. */
        UNLOCKED_LIVE_PID
    }

    @ParameterizedTest
    @EnumSource(Holder.class)
    void eachHolderIsSeenAsTheTableSays(Holder holder) throws Exception {
        Path pidFile = fx.path("daemon.pid");
        Expected expected = hold(holder, pidFile);

        DaemonStatus status = Daemoniker.status(pidFile);
        assertEquals(expected.state(), status.state(), holder + ": " + status);
        assertEquals(expected.pid(), status.pid(), holder + ": " + status);

        Fixture.Result second = fx.run(fx.command(fx.settings("report=" + fx.path("second-report"))));
        if (expected.refusalNames() != 0) {
            assertEquals(1, second.exit(), holder + ": " + second);
            assertTrue(second.stderr().contains("a daemon is already running (pid " + expected.refusalNames() + ")"),
                    holder + ": " + second);
            assertEquals(expected.pid() == 0 ? "" : expected.pid() + "\n", Files.readString(pidFile),
                    holder + ": the holder's file is left as it was");
        } else {
            assertEquals(0, second.exit(), holder + ": " + second);
            long taken = pidFromFile(pidFile);
            assertNotEquals(expected.pid(), taken, holder + ": the second start's daemon took the file over");
            assertEquals(DaemonStatus.State.RUNNING, Daemoniker.status(pidFile).state(), holder.toString());
            return;
        }
        // last, as it may end the holder: SIGQUIT, which a JVM answers with a thread dump
        if (expected.state() == DaemonStatus.State.RUNNING) {
            assertEquals(expected.pid(), Daemoniker.send(pidFile, Signal.SIGQUIT), holder.toString());
        } else {
            DaemonikerException refused = assertThrows(DaemonikerException.class,
                    () -> Daemoniker.send(pidFile, Signal.SIGQUIT), holder.toString());
            assertTrue(refused.getMessage().contains("nothing was sent"), holder + ": " + refused.getMessage());
        }
    }

    private Expected hold(Holder holder, Path pidFile) throws Exception {
        switch (holder) {
            case DAEMON:
                return running(started());
            case SPAWNED_DAEMON:
                return running(started("shield=" + fx.path("shielded.log")));
            case FOREGROUND_DAEMON: {
                Process process = fx.start(fx.command(fx.settings("detach=NEVER")), Map.of(), "foreground");
                await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
                assertEquals(process.pid(), pidFromFile(pidFile));
                return running(process.pid());
            }
            case START_IN_PROGRESS: {
                Process original = fx.start(fx.command(fx.settings("slow-before=3000")), Map.of(), "original");
                // the mark is on an empty file; both readers wait for the start's outcome
                await().atMost(DEADLINE).until(() -> Files.exists(pidFile) && PidFiles.isLocked(pidFile));
                assertEquals("", Files.readString(pidFile), "read while the start is in progress");
                DaemonikerException notYet = assertThrows(DaemonikerException.class,
                        () -> Daemoniker.send(pidFile, Signal.SIGQUIT));
                assertTrue(notYet.getMessage().contains("a daemon is still starting on it") && notYet.getMessage()
                        .contains("nothing was sent"), notYet.getMessage());
                assertEquals(DaemonStatus.State.RUNNING, Daemoniker.status(pidFile).state(), "waited for the start");
                assertTrue(original.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, original.exitValue());
                return running(pidFromFile(pidFile));
            }
            case PID_LOCK_FILE: {
                Process process = fx.start(Fixture.command(PidLockHolder.class, "lock", pidFile.toString(), "0",
                        fx.path("never").toString()), Map.of(), "holder");
                await().atMost(DEADLINE).until(() -> Files.readString(fx.path("holder.out")).contains("held"));
                return running(process.pid());
            }
            case STARTED_PROGRAM: {
                Fixture.Result started = fx.cli("start", "--pid-file", pidFile.toString(), "--", "sleep", "600");
                assertEquals(0, started.exit(), started.toString());
                return running(pidFromFile(pidFile));
            }
            case FOREIGN_LOCK:
                return running(foreignLock(pidFile).pid());
            case FOREIGN_LOCK_OTHER_PID: {
                Process bystander = fx.start(List.of("sleep", "600"), Map.of(), "bystander");
                Process foreign = foreignLock(pidFile, Long.toString(bystander.pid()));
                // the kernel names the lock's holder: the start names it, the status cannot trust the file
                return new Expected(DaemonStatus.State.UNKNOWN, bystander.pid(), foreign.pid());
            }
            case STALE: {
                Process exited = new ProcessBuilder("true").start();
                assertTrue(exited.waitFor(30, TimeUnit.SECONDS));
                Files.writeString(pidFile, exited.pid() + "\n");
                return new Expected(DaemonStatus.State.DEAD, exited.pid(), 0);
            }
            case EMPTY:
                Files.writeString(pidFile, "");
                return new Expected(DaemonStatus.State.NOT_RUNNING, 0, 0);
            default: {
                Process bystander = fx.start(List.of("sleep", "600"), Map.of(), "bystander");
                Files.writeString(pidFile, bystander.pid() + "\n");
                return new Expected(DaemonStatus.State.UNKNOWN, bystander.pid(), 0);
            }
        }
    }

    private static Expected running(long pid) {
        return new Expected(DaemonStatus.State.RUNNING, pid, pid);
    }

    private long started(String... settings) {
        Fixture.Result parent = fx.run(fx.command(fx.settings(settings)));
        assertEquals(0, parent.exit(), parent.toString());
        await().atMost(DEADLINE).until(() -> Files.exists(fx.path("report")));
        return pidFromFile(fx.path("daemon.pid"));
    }

    private Process foreignLock(Path pidFile, String... pid) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", FOREIGN_LOCK, pidFile.toString()));
        command.addAll(List.of(pid));
        Process process = fx.start(command, Map.of(), "foreign");
        await().atMost(DEADLINE).until(() -> Files.readString(fx.path("foreign.out")).contains("held"));
        return process;
    }
}
