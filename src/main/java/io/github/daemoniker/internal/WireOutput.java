package io.github.daemoniker.internal;

import java.io.ByteArrayOutputStream;

/**
 * Bytes as the hand-off writes them, {@link WireInput} reads them: numbers big-endian, byte by
 * byte, with nothing to load (no data streams: on JDK 21 and later their numbers go through
 * VarHandles, whose start cost a daemon before ready); strings as their length and UTF-16 units,
 * so that any string goes over exactly and at any length.
 */
final class WireOutput extends ByteArrayOutputStream {

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
}
