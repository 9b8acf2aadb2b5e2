package io.github.daemoniker.internal;

import java.nio.ByteBuffer;

/** Reads what {@link WireOutput} wrote; a garbled count allocates nothing. */
final class WireInput {

    private WireInput() {
    }

    /** A count of items of {@code size} bytes that the rest of the body can hold. */
    static int count(ByteBuffer body, int size) {
        int count = body.getInt();
        if (count < 0 || count > body.remaining() / size) {
            throw new IllegalArgumentException("a count of " + count + " with " + body.remaining() + " bytes left");
        }
        return count;
    }

    static String string(ByteBuffer body) {
        char[] units = new char[count(body, 2)];
        for (int i = 0; i < units.length; i++) {
            units[i] = body.getChar();
        }
        return new String(units);
    }

    static boolean bool(ByteBuffer body) {
        return body.get() != 0;
    }
}
