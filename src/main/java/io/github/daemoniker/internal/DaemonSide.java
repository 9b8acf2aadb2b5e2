package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The relaunched process's half of a daemonization: it reads the hand-off, becomes a daemon,
 * takes the pid file, and reports ready or the reason it could not.
 */
public final class DaemonSide {

    private final Platform platform;
    private final DaemonSwitch daemonSwitch;
    private final DaemonChannels channels;

    private DaemonSide(Platform platform, DaemonSwitch daemonSwitch, DaemonChannels channels) {
        this.platform = platform;
        this.daemonSwitch = daemonSwitch;
        this.channels = channels;
    }

    /** Attaches to the channels the switch names, and tells the original process this pid. */
    public static DaemonSide attach(DaemonSwitch daemonSwitch) {
        Platform platform = Platform.current();
        DaemonChannels channels = platform.attach(daemonSwitch.channelSpec());
        DaemonSide side = new DaemonSide(platform, daemonSwitch, channels);
        Readiness.reportPid(channels.readiness(), ProcessHandle.current().pid());
        return side;
    }

    /** Does the daemon's steps and reports ready; returns the arguments handed over. */
    public Object[] daemonize() {
        PidFileLock lock = null;
        try {
            HandOff handOff = HandOff.readFrom(channels.handOff());
            if (!handOff.token().equals(daemonSwitch.token())) {
                throw daemonSwitch.stray("its token does not match the hand-off");
            }
            DaemonPlan plan = handOff.plan();
            platform.becomeDaemon(plan);
            lock = platform.lockPidFile(plan.pidFile());
            long pid = ProcessHandle.current().pid();
            lock.writePid(pid);
            Object[] args = ArgumentCodec.decode(handOff.args());
            PidFileLock held = lock;
            Runtime.getRuntime().addShutdownHook(new Thread(held::release, "daemoniker-pid-file"));
            Readiness.reportReady(channels.readiness(), pid);
            closeChannels();
            return args;
        } catch (DaemonikerException e) {
            abort(lock, e);
            throw e;
        } catch (RuntimeException | Error e) {
            abort(lock, e);
            throw new DaemonizeException("the daemon failed to start: " + e, e);
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
        try {
            Readiness.reportFailure(channels.readiness(), message);
        } catch (UncheckedIOException e) {
            reason.addSuppressed(e);
        }
        closeChannels();
    }

    private void closeChannels() {
        try (OutputStream readiness = channels.readiness()) {
            channels.handOff().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
