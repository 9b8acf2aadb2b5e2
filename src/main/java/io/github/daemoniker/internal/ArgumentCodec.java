package io.github.daemoniker.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.daemoniker.DaemonizeException;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Encodes the daemon's arguments one at a time, so that an argument that cannot be carried is
 * named by its index and type: a plain one as {@link PlainArguments} writes it, any other with
 * Kryo. Each encoding begins with which of the two wrote it.
 */
final class ArgumentCodec {
    /** A value nested deeper than a thread's stack can walk (Kryo writes and reads it recursively). */
    private static final String TOO_DEEP = "it is nested too deeply for the stack (collections or objects inside"
            + " one another thousands of levels down)";
    private static final byte PLAIN = 0;
    private static final byte KRYO = 1;

    private ArgumentCodec() {
    }

    /** Whether decoding {@code encoded} needs Kryo (whether encoding it did). */
    static boolean needsKryo(List<byte[]> encoded) {
        for (byte[] arg : encoded) {
            if (arg.length == 0 || arg[0] != PLAIN) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes every argument. Kryo's encodings are decoded again at once: an argument that would
     * fail in the daemon fails here, in the original process, before anything is started.
     */
    static List<byte[]> encode(Object[] args) {
        Kryo kryo = null;
        List<byte[]> encoded = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            if (PlainArguments.accepts(args[i])) {
                WireOutput out = new WireOutput();
                out.write(PLAIN);
                PlainArguments.write(out, args[i]);
                encoded.add(out.toByteArray());
                continue;
            }
            try {
                kryo = kryo == null ? Configured.newKryo() : kryo;
                byte[] bytes = write(kryo, args[i]);
                read(kryo, bytes);
                encoded.add(bytes);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                throw new DaemonizeException("argument " + i + " (" + typeOf(args[i])
                        + ") cannot be handed to the daemon: " + whyNot(e, args[i])
                        + "; pass plain data (strings, numbers, records, collections) instead", e);
            }
        }
        return encoded;
    }

    /** Loads Kryo's classes. */
    static void warmUp() {
        read(Configured.newKryo(), write(Configured.newKryo(), new Object[] {"warm", 1, java.util.List.of()}));
    }

    static Object[] decode(List<byte[]> encoded) {
        Kryo kryo = null;
        Object[] args = new Object[encoded.size()];
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = encoded.get(i);
            try {
                if (bytes.length > 0 && bytes[0] == PLAIN) {
                    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
                    args[i] = PlainArguments.read(in);
                    if (in.hasRemaining()) {
                        throw new IllegalArgumentException(in.remaining() + " bytes after its end");
                    }
                } else {
                    kryo = kryo == null ? Configured.newKryo() : kryo;
                    args[i] = read(kryo, bytes);
                }
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                throw new DaemonizeException("argument " + i + " could not be read back in the daemon: "
                        + (e instanceof StackOverflowError ? TOO_DEEP : rootMessage(e)), e);
            }
        }
        return args;
    }

    private static byte[] write(Kryo kryo, Object value) {
        try (Output output = new Output(256, -1)) {
            output.writeByte(KRYO);
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        }
    }

    private static Object read(Kryo kryo, byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != KRYO) {
            throw new IllegalArgumentException("its encoding is neither plain nor Kryo's");
        }
        try (Input input = new Input(bytes, 1, bytes.length - 1)) {
            return kryo.readClassAndObject(input);
        }
    }

    /**
     * Kryo as the hand-off uses it. A class of its own, and the only one that names Kryo's
     * subtypes: verifying it loads Kryo's classes, which opens every jar on the class path before
     * Kryo's, and a start without arguments never needs it.
     */
    private static final class Configured {
        static {
            // Kryo reaches for sun.misc.Unsafe, which JDK 24 and later warn about on stderr at every
            // start; the hand-off does not need it. A user's own setting is kept.
            if (Runtime.version().feature() >= 24 && System.getProperty("kryo.unsafe") == null) {
                System.setProperty("kryo.unsafe", "false");
            }
        }

        static Kryo newKryo() {
            Kryo kryo = new Kryo();
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setClassLoader(contextClassLoader());
            // classes without a no-argument constructor are made the way Java serialization makes them
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
            kryo.addDefaultSerializer(Path.class, new StringFormSerializer<Path>(Path::toString, Path::of));
            kryo.addDefaultSerializer(File.class, new StringFormSerializer<File>(File::getPath, File::new));
            return kryo;
        }

        private static ClassLoader contextClassLoader() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return loader != null ? loader : ArgumentCodec.class.getClassLoader();
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /**
     * Kryo's reason, except where it is the JDK refusing to open a class of its own (a thread, a
     * stream, a lock): the JDK's message suggests {@code --add-opens}, which would not make such
     * an object mean anything in another process.
     */
    private static String whyNot(Throwable e, Object argument) {
        if (e instanceof StackOverflowError) {
            return TOO_DEEP;
        }
        Throwable root = root(e);
        if (root instanceof java.lang.reflect.InaccessibleObjectException) {
            // the class in "Unable to make field private … java.lang.Thread.name accessible"
            Matcher jdkClass = Pattern.compile("([a-z]\\w*(?:\\.[a-z]\\w*)*\\.[A-Z][\\w$]*)\\.[\\w$]+ accessible")
                    .matcher(String.valueOf(root.getMessage()));
            String what = jdkClass.find() ? "a " + jdkClass.group(1) : "an object of the JDK's own";
            return (what.equals("a " + typeOf(argument)) ? "it is " : "it holds ") + what
                    + ", which belongs to this process and cannot be copied";
        }
        return "Kryo cannot serialize it: " + rootMessage(e);
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = root(e);
        String message = root.getMessage();
        String text = message == null ? root.getClass().getName() : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Carries a value as its string form, for JDK types that are closed to reflection. */
    private static final class StringFormSerializer<T> extends Serializer<T> {
        private final Function<T, String> format;
        private final Function<String, T> parse;

        StringFormSerializer(Function<T, String> format, Function<String, T> parse) {
            this.format = format;
            this.parse = parse;
        }

        @Override
        public void write(Kryo kryo, Output output, T value) {
            output.writeString(format.apply(value));
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return parse.apply(input.readString());
        }
    }
}
