package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Signal;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the original process hands to its daemon over a private channel: the token that proves
 * the switch, the plan, and the arguments as Kryo wrote them. Plain data streams, so that the
 * daemon reads it without loading Kryo; the arguments are decoded once the daemon is ready.
 */
record HandOff(String token, DaemonPlan plan, List<byte[]> args) {

    private static final String MAGIC = "daemoniker-handoff-1";

    void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(stream, 8192));
        out.writeUTF(MAGIC);
        out.writeUTF(token);
        out.writeUTF(plan.pidFile().toString());
        out.writeUTF(plan.chdir().toString());
        writePath(out, plan.stdin());
        writePath(out, plan.stdout());
        writePath(out, plan.stderr());
        out.writeInt(plan.umask());
        out.writeInt(plan.shieldedFds().size());
        for (int fd : plan.shieldedFds()) {
            out.writeInt(fd);
        }
        out.writeBoolean(plan.preventCore());
        out.writeUTF(plan.user() == null ? "" : plan.user());
        out.writeUTF(plan.group() == null ? "" : plan.group());
        out.writeBoolean(plan.manualReadiness());
        writePath(out, plan.chroot());
        out.writeUTF(plan.reopenLogsOn() == null ? "" : plan.reopenLogsOn().name());
        out.writeLong(plan.rotateLogsAt());
        out.writeInt(plan.logsKept());
        out.writeBoolean(plan.exitZeroOnStop());
        out.writeInt(plan.jvmOptions().size());
        for (String option : plan.jvmOptions()) {
            out.writeUTF(option);
        }
        out.writeInt(plan.environment().size());
        for (java.util.Map.Entry<String, String> variable : plan.environment().entrySet()) {
            out.writeUTF(variable.getKey());
            out.writeBoolean(variable.getValue() != null);
            out.writeUTF(variable.getValue() == null ? "" : variable.getValue());
        }
        out.writeInt(args.size());
        for (byte[] arg : args) {
            out.writeInt(arg.length);
            out.write(arg);
        }
        out.flush();
    }

    static HandOff readFrom(InputStream stream) {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(stream, 8192));
        try {
            if (!MAGIC.equals(in.readUTF())) {
                throw new DaemonizeException("the hand-off from the original process is not Daemoniker's");
            }
            String token = in.readUTF();
            Path pidFile = Path.of(in.readUTF());
            Path chdir = Path.of(in.readUTF());
            Path stdin = readPath(in);
            Path stdout = readPath(in);
            Path stderr = readPath(in);
            int umask = in.readInt();
            Set<Integer> shielded = new HashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                shielded.add(in.readInt());
            }
            boolean preventCore = in.readBoolean();
            String user = in.readUTF();
            String group = in.readUTF();
            boolean manualReadiness = in.readBoolean();
            Path chroot = readPath(in);
            String reopenLogsOn = in.readUTF();
            long rotateLogsAt = in.readLong();
            int logsKept = in.readInt();
            boolean exitZeroOnStop = in.readBoolean();
            List<String> jvmOptions = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                jvmOptions.add(in.readUTF());
            }
            java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = in.readUTF();
                boolean set = in.readBoolean();
                String value = in.readUTF();
                environment.put(name, set ? value : null);
            }
            List<byte[]> args = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                int length = in.readInt();
                byte[] arg = in.readNBytes(length);
                if (arg.length != length) {
                    throw new EOFException("argument " + args.size() + " is cut short");
                }
                args.add(arg);
            }
            return new HandOff(token, new DaemonPlan(pidFile, chdir, stdin, stdout, stderr, umask, shielded,
                    preventCore, user.isEmpty() ? null : user, group.isEmpty() ? null : group, manualReadiness, chroot,
                    reopenLogsOn.isEmpty() ? null : Signal.valueOf(reopenLogsOn), rotateLogsAt, logsKept, exitZeroOnStop,
                    jvmOptions,
                    environment), args);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DaemonizeException daemonize) {
                throw daemonize;
            }
            throw new DaemonizeException("the hand-off from the original process was cut short or garbled: " + e, e);
        }
    }

    private static void writePath(DataOutputStream out, Path path) throws IOException {
        out.writeUTF(path == null ? "" : path.toString());
    }

    private static Path readPath(DataInputStream in) throws IOException {
        String path = in.readUTF();
        return path.isEmpty() ? null : Path.of(path);
    }
}
