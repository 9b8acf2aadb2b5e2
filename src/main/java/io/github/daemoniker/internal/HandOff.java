package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Detach;
import io.github.daemoniker.Readiness;
import io.github.daemoniker.Signal;
import java.io.BufferedInputStream;
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
 * the arguments as {@link ArgumentCodec} encoded them (decoded once the daemon is ready). A
 * mark, the body's length, then the body, in {@link WireOutput}'s form.
 */
record HandOff(String token, DaemonPlan plan, List<byte[]> args) {

    private static final byte[] MARK = "daemoniker-handoff-4\n".getBytes(StandardCharsets.US_ASCII);

    void writeTo(OutputStream stream) throws IOException {
        WireOutput out = new WireOutput();
        out.string(token);
        out.string(plan.pidFile().toString());
        for (Option<?> option : Option.all()) {
            writeValue(out, option.kind(), plan.get(option));
        }
        out.integer(args.size());
        for (byte[] arg : args) {
            out.integer(arg.length);
            out.write(arg, 0, arg.length);
        }
        WireOutput frame = new WireOutput();
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
            String token = WireInput.string(body);
            Path pidFile = Path.of(WireInput.string(body));
            List<Option<?>> options = Option.all();
            Object[] values = new Object[options.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(options.get(i).kind(), body);
            }
            List<byte[]> args = new ArrayList<>();
            for (int i = body.getInt(); i > 0; i--) {
                byte[] arg = new byte[WireInput.count(body, 1)];
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

    /**
     * One option's value as {@link #writeValue} wrote it. Enums by their ordinal, read back through
     * {@code values()}: {@code valueOf} reaches them by reflection, which costs a daemon before ready.
     */
    private static Object value(Option.Kind kind, ByteBuffer body) {
        switch (kind) {
            case PATH:
                String path = WireInput.string(body);
                return path.isEmpty() ? null : Path.of(path);
            case TEXT:
                boolean set = WireInput.bool(body);
                String text = WireInput.string(body);
                return set ? text : null;
            case NUMBER:
            case OCTAL:
                return body.getInt();
            case SIZE:
                return body.getLong();
            case FLAG:
                return WireInput.bool(body);
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
                for (int i = WireInput.count(body, 4); i > 0; i--) {
                    numbers.add(body.getInt());
                }
                return numbers;
            case TEXT_LIST:
                List<String> texts = new ArrayList<>();
                for (int i = WireInput.count(body, 4); i > 0; i--) {
                    texts.add(WireInput.string(body));
                }
                return texts;
            default:
                Map<String, String> variables = new LinkedHashMap<>();
                for (int i = WireInput.count(body, 9); i > 0; i--) {
                    String name = WireInput.string(body);
                    boolean given = WireInput.bool(body);
                    String value = WireInput.string(body);
                    variables.put(name, given ? value : null);
                }
                return variables;
        }
    }

    /** One option's value, by its kind; {@link #value} reads it back. */
    @SuppressWarnings("unchecked")
    private static void writeValue(WireOutput out, Option.Kind kind, Object value) {
        switch (kind) {
            case PATH:
                out.string(value == null ? "" : value.toString());
                break;
            case TEXT:
                out.bool(value != null);
                out.string(value == null ? "" : (String) value);
                break;
            case NUMBER:
            case OCTAL:
                out.integer((Integer) value);
                break;
            case SIZE:
                out.longInteger((Long) value);
                break;
            case FLAG:
                out.bool((Boolean) value);
                break;
            case DURATION:
                out.longInteger(((Duration) value).toNanos());
                break;
            case SIGNAL:
            case READINESS:
            case DETACH:
                out.integer(value == null ? -1 : ((Enum<?>) value).ordinal());
                break;
            case NUMBER_SET:
                out.integer(((Set<Integer>) value).size());
                for (int number : (Set<Integer>) value) {
                    out.integer(number);
                }
                break;
            case TEXT_LIST:
                out.integer(((List<String>) value).size());
                for (String text : (List<String>) value) {
                    out.string(text);
                }
                break;
            default:
                out.integer(((Map<String, String>) value).size());
                for (Map.Entry<String, String> variable : ((Map<String, String>) value).entrySet()) {
                    out.string(variable.getKey());
                    out.bool(variable.getValue() != null);
                    out.string(variable.getValue() == null ? "" : variable.getValue());
                }
                break;
        }
    }
}
