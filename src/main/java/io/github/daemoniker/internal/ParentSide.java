package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The original process's half of a daemonization: check, relaunch, hand off, wait. */
public final class ParentSide {

    private static final Duration ABANDON_GRACE = Duration.ofSeconds(2);

    private ParentSide() {
    }

    /**
     * Starts loading what daemonizing needs, while the caller's setup code runs; a Windows service
     * connects to the Service Control Manager now, which gives it only so long.
     */
    public static void prepare() {
        if (Platform.current().relauncher().launchUsuallyNeedsNative()) {
            Preload.start();
        } else {
            LaunchWarmUp.begin();
        }
        Platform.current().supervisor().prepare();
    }

    /**
     * Starts the daemon and returns its pid once it reports ready; throws, leaving nothing behind,
     * if not. Where the launch is gated, its shell starts first and waits while the plan is checked,
     * the arguments encoded and the pid file marked; a refusal then ends that shell, which did nothing.
     */
    public static long daemonize(Path pidFile, DaemonOptions options, Object[] args) {
        prepare();
        Platform platform = Platform.current();
        DaemonPlan plan = DaemonPlan.resolve(pidFile, options);
        String token = DaemonSwitch.newToken(platform.relauncher().randomSource());
        LaunchCommand command = platform.relauncher().currentCommand();
        if (options.stripCmdArgs()) {
            command = command.withoutProgramArguments();
        }
        RelaunchChanges.Relaunch relaunch = RelaunchChanges.apply(command, plan, System.getenv(), Runtime.version().feature());
        command = relaunch.command();
        plan = relaunch.plan();
        GatedLaunch gate = platform.relauncher().startGated(command, token, plan);
        PidFileLock lock = null;
        Launched launched = null;
        try {
            List<byte[]> encoded = ArgumentCodec.encode(args);
            if (!ArgumentCodec.needsKryo(encoded)) {
                Preload.codecNotNeeded();
            }
            HandOff handOff = new HandOff(token, plan, encoded);
            Preload.await();
            PlanChecks.check(plan);
            long stderrOffset = sizeOf(plan.get(Option.STDERR));
            if (gate != null) {
                platform.relauncher().checkNativeLayerLoadsAfterReady();
            }
            // from now on, a second start or a stop sees this one in progress; the daemon takes its own lock
            lock = platform.pidFiles().marksStart() ? PidFileLock.markStart(plan.pidFile(), platform) : null;
            launched = gate != null ? gate.open() : platform.relauncher().launch(command, token, plan);
            return await(launched, plan, options, lock, handOff, stderrOffset);
        } catch (RuntimeException | Error e) {
            // refused, or out of threads or descriptors half-way: whatever was started is ended (once), the file it got removed
            try {
                if (launched != null) {
                    launched.abandon(Duration.ZERO);
                } else if (gate != null) {
                    gate.cancel();
                }
                if (lock != null) {
                    lock.removeAndRelease(0);
                }
            } catch (RuntimeException | Error cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The relaunched process's verdict: its pid once it is ready, or the exception that says why not. */
    private static long await(Launched launched, DaemonPlan plan, DaemonOptions options, PidFileLock lock,
                              HandOff handOff, long stderrOffset) {
        StartupOutput output = new StartupOutput(launched.output(), StartupOutput.endMark(plan, handOff.token()));
        Thread writer = startHandOffWriter(handOff, launched.handOff());
        ReadinessChannel.Outcome outcome = ReadinessChannel.await(launched.readiness(), options.successTimeout());
        if (outcome.kind() == ReadinessChannel.Kind.READY) {
            // what the daemon said on its way up (its unset streams were this pipe) is shown here
            String said = output.drained();
            launched.stopReading();
            if (!said.isEmpty()) {
                System.err.println(said);
            }
            if (lock != null) {
                lock.handOver();
            }
            return outcome.pid();
        }
        // a daemon that failed is finishing its own report; one that timed out has had its time
        launched.abandon(outcome.kind() == ReadinessChannel.Kind.TIMED_OUT ? Duration.ZERO : ABANDON_GRACE);
        joinQuietly(writer);
        if (lock != null) {
            lock.removeAndRelease(outcome.pid());
        } else if (outcome.pid() != 0) {
            PidFiles.removeIfDead(plan.pidFile(), outcome.pid());
        }
        if (outcome.kind() == ReadinessChannel.Kind.HELD) {
            throw new PidFileLock.HeldException(plan.pidFile(), "pid file " + plan.pidFile()
                    + " was locked by another process while the daemon started: try again");
        }
        throw failure(outcome, options, plan, (output.text(1000) + "\n" + tail(plan.get(Option.STDERR), stderrOffset)).strip());
    }

    /**
     * One sentence saying why; then, on the following lines, what the daemon wrote before it
     * failed (through the pipe its unset streams were on, or in its stderr log), so that a
     * failing daemon's stack trace is seen by whoever started it.
     */
    /**
     * The line of {@code output} that says what happened, for the one-line summary: the first
     * exception or {@code Error:} line a JVM printed (not the tail of its stack trace), else the last line.
     */
    static String whatHappened(String output) {
        String last = "";
        for (String line : output.split("\n")) {
            String text = line.strip();
            if (text.startsWith("Exception in thread ") || text.startsWith("Error: ")
                    || text.matches("[\\w$.]+\\.[A-Z][\\w$]*(Exception|Error)(: .*)?")) {
                return "; it said: " + text;
            }
            last = text.isEmpty() ? last : text;
        }
        return last.isEmpty() ? "" : "; its last output: " + last;
    }

    private static DaemonizeException failure(ReadinessChannel.Outcome outcome, DaemonOptions options, DaemonPlan plan,
                                              String output) {
        String who = outcome.pid() == 0 ? "the daemon" : "the daemon (pid " + outcome.pid() + ")";
        String said = whatHappened(output);
        String sentence;
        switch (outcome.kind()) {
            case FAILED:
                sentence = who + " failed to start: " + outcome.reason();
                break;
            case TIMED_OUT:
                sentence = who + " did not report ready within " + Seconds.of(options.successTimeout())
                        + " and was stopped: make sure the relaunched main reaches daemonize(), or raise"
                        + " successTimeout";
                break;
            default:
                sentence = who + " exited before it was ready"
                        + said
                        + (outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")")
                        + (plan.get(Option.STDERR) == null ? "" : "; see its stderr log " + plan.get(Option.STDERR));
        }
        String shown = output.isEmpty() ? "" : "\n--- what the daemon wrote before it failed ---\n" + output;
        return new DaemonizeException(sentence + shown, null, output);
    }

    private static long sizeOf(Path file) {
        try {
            return file == null ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the daemon added to its stderr log since it was started (the last 64 KiB of it). */
    private static String tail(Path file, long from) {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long start = Math.max(from, channel.size() - 65536);
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, channel.size() - start));
            channel.position(start).read(bytes);
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A pipe holds 64 KiB at most: larger hand-offs are written while the daemon reads them. */
    private static Thread startHandOffWriter(HandOff handOff, OutputStream channel) {
        Thread writer = new Thread("daemoniker-handoff") {
            @Override
            public void run() {
                try (channel) {
                    handOff.writeTo(channel);
                } catch (IOException e) {
                    // the daemon died or was abandoned: its own report, or its silence, says why
                }
            }
        };
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
