package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Detach;
import io.github.daemoniker.Readiness;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the original process hands to its daemon over a private channel: the token that proves
 * the switch, the plan (the pid file, then every {@link Option} in order, each by its kind), and
 * the arguments as Kryo wrote them. Read by the daemon without loading
 * Kryo (the arguments are decoded once it is ready), and without data streams: on JDK 21 and
 * later their numbers are read through VarHandles, whose start (~1.8 ms) came before the daemon's
 * ready. A mark, the body's length, then the body: its numbers big-endian, its strings as their
 * length and UTF-16 units, so that any string goes over exactly and at any length.
 */
record HandOff(String token, DaemonPlan plan, List<byte[]> args) {

    private static final byte[] MARK = "daemoniker-handoff-3\n".getBytes(StandardCharsets.US_ASCII);

    void writeTo(OutputStream stream) throws IOException {
        Body out = new Body();
        out.string(token);
        out.string(plan.pidFile().toString());
        for (Option<?> option : Option.all()) {
            out.value(option.kind(), plan.get(option));
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
            List<Option<?>> options = Option.all();
            Object[] values = new Object[options.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(options.get(i).kind(), body);
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
            return new HandOff(token, new DaemonPlan(pidFile, OptionValues.of(values)), args);
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

    /**
     * One option's value as {@link Body#value} wrote it. Enums by their ordinal, read back through
     * {@code values()}: {@code valueOf} reaches them by reflection, which costs a daemon before ready.
     */
    private static Object value(Option.Kind kind, ByteBuffer body) {
        switch (kind) {
            case PATH:
                String path = string(body);
                return path.isEmpty() ? null : Path.of(path);
            case TEXT:
                boolean set = bool(body);
                String text = string(body);
                return set ? text : null;
            case NUMBER:
            case OCTAL:
                return body.getInt();
            case SIZE:
                return body.getLong();
            case FLAG:
                return bool(body);
            case DURATION:
                return Duration.ofNanos(body.getLong());
            case SIGNAL:
                int signal = body.getInt();
                return signal < 0 ? null : Signal.values()[signal];
            case READINESS:
                return Readiness.values()[body.getInt()];
            case DETACH:
                return Detach.values()[body.getInt()];
            case NUMBER_SET:
                Set<Integer> numbers = new HashSet<>();
                for (int i = count(body, 4); i > 0; i--) {
                    numbers.add(body.getInt());
                }
                return numbers;
            case TEXT_LIST:
                List<String> texts = new ArrayList<>();
                for (int i = count(body, 4); i > 0; i--) {
                    texts.add(string(body));
                }
                return texts;
            default:
                Map<String, String> variables = new LinkedHashMap<>();
                for (int i = count(body, 9); i > 0; i--) {
                    String name = string(body);
                    boolean given = bool(body);
                    String value = string(body);
                    variables.put(name, given ? value : null);
                }
                return variables;
        }
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

        /** One option's value, by its kind; {@link HandOff#value} reads it back. */
        @SuppressWarnings("unchecked")
        void value(Option.Kind kind, Object value) {
            switch (kind) {
                case PATH:
                    string(value == null ? "" : value.toString());
                    break;
                case TEXT:
                    bool(value != null);
                    string(value == null ? "" : (String) value);
                    break;
                case NUMBER:
                case OCTAL:
                    integer((Integer) value);
                    break;
                case SIZE:
                    longInteger((Long) value);
                    break;
                case FLAG:
                    bool((Boolean) value);
                    break;
                case DURATION:
                    longInteger(((Duration) value).toNanos());
                    break;
                case SIGNAL:
                case READINESS:
                case DETACH:
                    integer(value == null ? -1 : ((Enum<?>) value).ordinal());
                    break;
                case NUMBER_SET:
                    integer(((Set<Integer>) value).size());
                    for (int number : (Set<Integer>) value) {
                        integer(number);
                    }
                    break;
                case TEXT_LIST:
                    integer(((List<String>) value).size());
                    for (String text : (List<String>) value) {
                        string(text);
                    }
                    break;
                default:
                    integer(((Map<String, String>) value).size());
                    for (Map.Entry<String, String> variable : ((Map<String, String>) value).entrySet()) {
                        string(variable.getKey());
                        bool(variable.getValue() != null);
                        string(variable.getValue() == null ? "" : variable.getValue());
                    }
                    break;
            }
        }
    }
}
