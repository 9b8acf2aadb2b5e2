package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Signal;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the original process hands to its daemon over a private channel: the token that proves
 * the switch, the plan, and the arguments as Kryo wrote them. Read by the daemon without loading
 * Kryo (the arguments are decoded once it is ready), and without data streams: on JDK 21 and
 * later their numbers are read through VarHandles, whose start (~1.8 ms) came before the daemon's
 * ready. A mark, the body's length, then the body: its numbers big-endian, its strings as their
 * length and UTF-16 units, so that any string goes over exactly and at any length.
 */
record HandOff(String token, DaemonPlan plan, List<byte[]> args) {

    private static final byte[] MARK = "daemoniker-handoff-2\n".getBytes(StandardCharsets.US_ASCII);

    void writeTo(OutputStream stream) throws IOException {
        Body out = new Body();
        out.string(token);
        out.string(plan.pidFile().toString());
        out.string(plan.chdir().toString());
        out.path(plan.stdin());
        out.path(plan.stdout());
        out.path(plan.stderr());
        out.integer(plan.umask());
        out.integer(plan.shieldedFds().size());
        for (int fd : plan.shieldedFds()) {
            out.integer(fd);
        }
        out.bool(plan.preventCore());
        out.string(plan.user() == null ? "" : plan.user());
        out.string(plan.group() == null ? "" : plan.group());
        out.bool(plan.manualReadiness());
        out.path(plan.chroot());
        out.string(plan.reopenLogsOn() == null ? "" : plan.reopenLogsOn().name());
        out.longInteger(plan.rotateLogsAt());
        out.integer(plan.logsKept());
        out.bool(plan.exitZeroOnStop());
        out.integer(plan.jvmOptions().size());
        for (String option : plan.jvmOptions()) {
            out.string(option);
        }
        out.integer(plan.environment().size());
        for (Map.Entry<String, String> variable : plan.environment().entrySet()) {
            out.string(variable.getKey());
            out.bool(variable.getValue() != null);
            out.string(variable.getValue() == null ? "" : variable.getValue());
        }
        out.integer(args.size());
        for (byte[] arg : args) {
            out.integer(arg.length);
            out.write(arg, 0, arg.length);
        }
        Body frame = new Body();
        frame.write(MARK, 0, MARK.length);
        frame.integer(out.size());
        stream.write(frame.toByteArray());
        out.writeTo(stream);
        stream.flush();
    }

    static HandOff readFrom(InputStream stream) {
        try {
            InputStream in = new BufferedInputStream(stream, 8192);
            if (!Arrays.equals(MARK, in.readNBytes(MARK.length))) {
                throw new DaemonizeException("the hand-off from the original process is not Daemoniker's");
            }
            ByteBuffer body = ByteBuffer.wrap(readFully(in, 4));
            int size = body.getInt();
            if (size < 0) {
                throw new IllegalArgumentException("a length of " + size);
            }
            body = ByteBuffer.wrap(readFully(in, size));
            String token = string(body);
            Path pidFile = Path.of(string(body));
            Path chdir = Path.of(string(body));
            Path stdin = path(body);
            Path stdout = path(body);
            Path stderr = path(body);
            int umask = body.getInt();
            Set<Integer> shielded = new HashSet<>();
            for (int i = body.getInt(); i > 0; i--) {
                shielded.add(body.getInt());
            }
            boolean preventCore = bool(body);
            String user = string(body);
            String group = string(body);
            boolean manualReadiness = bool(body);
            Path chroot = path(body);
            String reopenLogsOn = string(body);
            long rotateLogsAt = body.getLong();
            int logsKept = body.getInt();
            boolean exitZeroOnStop = bool(body);
            List<String> jvmOptions = new ArrayList<>();
            for (int i = body.getInt(); i > 0; i--) {
                jvmOptions.add(string(body));
            }
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = body.getInt(); i > 0; i--) {
                String name = string(body);
                boolean set = bool(body);
                String value = string(body);
                environment.put(name, set ? value : null);
            }
            List<byte[]> args = new ArrayList<>();
            for (int i = body.getInt(); i > 0; i--) {
                byte[] arg = new byte[count(body, 1)];
                body.get(arg);
                args.add(arg);
            }
            if (body.hasRemaining()) {
                throw new IllegalArgumentException(body.remaining() + " bytes after its end");
            }
            return new HandOff(token, new DaemonPlan(pidFile, chdir, stdin, stdout, stderr, umask, shielded,
                    preventCore, user.isEmpty() ? null : user, group.isEmpty() ? null : group, manualReadiness, chroot,
                    reopenLogsOn.isEmpty() ? null : Signal.valueOf(reopenLogsOn), rotateLogsAt, logsKept, exitZeroOnStop,
                    jvmOptions,
                    environment), args);
        } catch (EOFException e) {
            throw new DaemonizeException("the hand-off from the original process was cut short: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DaemonizeException daemonize) {
                throw daemonize;
            }
            throw new DaemonizeException("the hand-off from the original process was garbled: " + e, e);
        }
    }

    private static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] bytes = in.readNBytes(size);
        if (bytes.length != size) {
            throw new EOFException(bytes.length + " bytes of " + size);
        }
        return bytes;
    }

    /** A count of items of {@code size} bytes that the rest of the body can hold: a garbled one allocates nothing. */
    private static int count(ByteBuffer body, int size) {
        int count = body.getInt();
        if (count < 0 || count > body.remaining() / size) {
            throw new IllegalArgumentException("a count of " + count + " with " + body.remaining() + " bytes left");
        }
        return count;
    }

    private static String string(ByteBuffer body) {
        char[] units = new char[count(body, 2)];
        for (int i = 0; i < units.length; i++) {
            units[i] = body.getChar();
        }
        return new String(units);
    }

    private static Path path(ByteBuffer body) {
        String path = string(body);
        return path.isEmpty() ? null : Path.of(path);
    }

    private static boolean bool(ByteBuffer body) {
        return body.get() != 0;
    }

    /** The body as it is written: big-endian, byte by byte, with nothing to load. */
    private static final class Body extends ByteArrayOutputStream {
        void integer(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                write(value >>> shift);
            }
        }

        void longInteger(long value) {
            integer((int) (value >>> 32));
            integer((int) value);
        }

        void bool(boolean value) {
            write(value ? 1 : 0);
        }

        void string(String value) {
            integer(value.length());
            for (int i = 0; i < value.length(); i++) {
                char unit = value.charAt(i);
                write(unit >>> 8);
                write(unit);
            }
        }

        void path(Path path) {
            string(path == null ? "" : path.toString());
        }
    }
}
