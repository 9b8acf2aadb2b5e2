package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The relaunched process's half of a daemonization. The shell that started it has already set
 * its umask and standard streams; it reads the hand-off, takes the pid file and reports ready,
 * all in plain Java, and only then loads the native layer and Kryo, to move its pid file's lock
 * onto the kind every other lock is, settle its signals and working directory and decode the
 * arguments. Ready therefore means: started, pid file
 * locked and written, streams redirected, and the signals its options promise (log reopening, a
 * stop with status 0) handled.
 */
public final class DaemonSide {

    private final Platform platform;
    private final DaemonSwitch daemonSwitch;
    private final DaemonChannels channels;

    /** The daemon whose original process waits for {@link #ready()}, with manual readiness. */
    private static volatile DaemonSide awaitingReady;

    private DaemonSide(Platform platform, DaemonSwitch daemonSwitch, DaemonChannels channels) {
        this.platform = platform;
        this.daemonSwitch = daemonSwitch;
        this.channels = channels;
    }

    /** Attaches to the channels the switch names, and tells the original process this pid. */
    public static DaemonSide attach(DaemonSwitch daemonSwitch) {
        Platform platform = Platform.current();
        DaemonChannels channels = platform.relauncher().attach(daemonSwitch.channels());
        ReadinessChannel.reportPid(channels.readiness(), ThisProcess.pid());
        return new DaemonSide(platform, daemonSwitch, channels);
    }

    /**
     * Does the daemon's steps and reports ready (with manual readiness, {@link #ready} does, later);
     * returns the arguments handed over.
     */
    public Object[] daemonize() {
        PidFileLock lock = null;
        HandOff handOff;
        try {
            handOff = receiveHandOff();
            DaemonPlan plan = handOff.plan();
            lock = takePidFile(plan);
            if (Confinement.changesRootOrUser(plan)) {
                // the last steps that may need root: the pid file and the logs are open
                Preload.start();
                Preload.await();
                // reopened by its path to be kept locked: only possible before the root and the user change
                lock.settle(platform);
                Confinement.enter(plan, platform);
            }
            // every signal the daemon promised to handle is handled before anyone hears it is ready
            SettledDaemon.begin(plan, platform);
            // what it wrote on the pipe ends here: its streams leave the pipe as it settles
            StartupOutput.writeEndMark(plan, daemonSwitch.token());
            if (!plan.manualReadiness()) {
                ReadinessChannel.reportReady(channels.readiness(), ThisProcess.pid());
                platform.supervisor().ready();
            }
            // only now: on the way to ready, loading them would compete with it for the CPUs
            Preload.start();
        } catch (PidFileLock.HeldException e) {
            report(() -> ReadinessChannel.reportHeld(channels.readiness()), e);
            throw e;
        } catch (DaemonikerException e) {
            abort(lock, e);
            throw e;
        } catch (RuntimeException | Error e) {
            abort(lock, e);
            throw new DaemonizeException("the daemon failed to start: " + e, e);
        }
        if (handOff.plan().manualReadiness()) {
            Object[] args = settle(handOff, lock);
            awaitingReady = this;
            return args;
        }
        closeChannels();
        return settle(handOff, lock);
    }

    /** The hand-off, proved by its token; Kryo is not loaded where no argument needs it. */
    private HandOff receiveHandOff() {
        HandOff handOff = HandOff.readFrom(channels.handOff());
        if (!handOff.token().equals(daemonSwitch.token())) {
            throw daemonSwitch.channels().stray("its token does not match the hand-off");
        }
        if (!ArgumentCodec.needsKryo(handOff.args())) {
            Preload.codecNotNeeded();
        }
        return handOff;
    }

    /** The pid file, locked and holding this process's pid until it exits. */
    private PidFileLock takePidFile(DaemonPlan plan) {
        PidFileLock lock = PidFileLock.acquireBeforeNative(plan.pidFile(), platform);
        try {
            lock.holdForLife();
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
        return lock;
    }

    /**
     * After ready, or before it with manual readiness, where a failure is still reported to the
     * original process; either way it ends the daemon, with the reason on its stderr.
     */
    private Object[] settle(HandOff handOff, PidFileLock lock) {
        try {
            Preload.await();
            DaemonPlan plan = handOff.plan();
            if (!Confinement.changesRootOrUser(plan)) {
                // entered before ready otherwise, where the native layer was needed anyway
                lock.settle(platform);
                Confinement.enter(plan, platform);
            }
            platform.relauncher().settle(plan, daemonSwitch.channels());
            return ArgumentCodec.decode(handOff.args());
        } catch (RuntimeException e) {
            lock.release();
            DaemonikerException reason = e instanceof DaemonikerException daemoniker
                    ? daemoniker : new DaemonizeException("the daemon failed to settle: " + e, e);
            if (handOff.plan().manualReadiness()) {
                fail(reason);
            }
            throw reason;
        }
    }

    /**
     * With manual readiness: tells the original process, which is waiting, and a supervisor that
     * listens, that this daemon is up.
     */
    public static void ready() {
        Platform.current().supervisor().ready();
        DaemonSide side = awaitingReady;
        awaitingReady = null;
        if (side != null) {
            side.report(() -> ReadinessChannel.reportReady(side.channels.readiness(), ThisProcess.pid()),
                    new DaemonizeException("the original process stopped waiting before the daemon was ready"));
        }
    }

    private void abort(PidFileLock lock, Throwable reason) {
        if (lock != null) {
            lock.release();
        }
        fail(reason);
    }

    /** Reports a failure to the original process, which is still waiting for the verdict. */
    public void fail(Throwable reason) {
        String message = reason instanceof DaemonikerException && reason.getMessage() != null
                ? reason.getMessage()
                : reason.toString();
        report(() -> ReadinessChannel.reportFailure(channels.readiness(), message), reason);
    }

    private void report(Runnable report, Throwable reason) {
        try {
            report.run();
        } catch (UncheckedIOException e) {
            reason.addSuppressed(e);
        }
        closeChannels();
    }

    private void closeChannels() {
        try {
            channels.handOff().close();
            channels.readiness().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
