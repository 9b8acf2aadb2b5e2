package io.github.daemoniker.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.github.daemoniker.DaemonizeException;
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
 * the switch, the plan, and the serialized arguments. Written field by field, so that reading it
 * loads no class of the user's until the arguments are decoded.
 */
record HandOff(String token, DaemonPlan plan, List<byte[]> args) {

    private static final String MAGIC = "daemoniker-handoff-1";

    void writeTo(OutputStream stream) throws IOException {
        Output out = new Output(stream, 8192);
        out.writeString(MAGIC);
        out.writeString(token);
        out.writeString(plan.pidFile().toString());
        out.writeString(plan.chdir().toString());
        writePath(out, plan.stdin());
        writePath(out, plan.stdout());
        writePath(out, plan.stderr());
        out.writeInt(plan.umask());
        out.writeInt(plan.shieldedFds().size());
        for (int fd : plan.shieldedFds()) {
            out.writeInt(fd);
        }
        out.writeInt(args.size());
        for (byte[] arg : args) {
            out.writeInt(arg.length);
            out.writeBytes(arg);
        }
        try {
            out.flush();
        } catch (KryoException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e);
        }
    }

    static HandOff readFrom(InputStream stream) {
        try (Input in = new Input(stream, 8192)) {
            if (!MAGIC.equals(in.readString())) {
                throw new DaemonizeException("the hand-off from the original process is not Daemoniker's");
            }
            String token = in.readString();
            Path pidFile = Path.of(in.readString());
            Path chdir = Path.of(in.readString());
            Path stdin = readPath(in);
            Path stdout = readPath(in);
            Path stderr = readPath(in);
            int umask = in.readInt();
            Set<Integer> shielded = new HashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                shielded.add(in.readInt());
            }
            List<byte[]> args = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                args.add(in.readBytes(in.readInt()));
            }
            return new HandOff(token, new DaemonPlan(pidFile, chdir, stdin, stdout, stderr, umask, shielded), args);
        } catch (KryoException e) {
            throw new DaemonizeException("the hand-off from the original process was cut short: " + e.getMessage(), e);
        }
    }

    private static void writePath(Output out, Path path) {
        out.writeString(path == null ? null : path.toString());
    }

    private static Path readPath(Input in) {
        String path = in.readString();
        return path == null ? null : Path.of(path);
    }
}
