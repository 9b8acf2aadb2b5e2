package io.github.daemoniker.internal;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments most programs pass — strings, numbers, paths, and the JDK's lists, sets and maps
 * of them — in {@link WireOutput}'s form, so that neither process loads Kryo for them (its start
 * is about 50 ms and 3 MB). Exact classes only, each decoded as the same class (the JDK's
 * immutable collections as immutable ones), and only trees: a collection met twice, or nested
 * deeper than {@value #MAX_DEPTH}, is Kryo's, which keeps shared references.
 */
final class PlainArguments {
    private static final int MAX_DEPTH = 64;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte SHORT = 4;
    private static final byte BYTE = 5;
    private static final byte CHARACTER = 6;
    private static final byte BOOLEAN = 7;
    private static final byte DOUBLE = 8;
    private static final byte FLOAT = 9;
    private static final byte PATH = 10;
    private static final byte FILE = 11;
    private static final byte ARRAY_LIST = 20;
    private static final byte IMMUTABLE_LIST = 21;
    private static final byte HASH_SET = 22;
    private static final byte LINKED_HASH_SET = 23;
    private static final byte IMMUTABLE_SET = 24;
    private static final byte HASH_MAP = 25;
    private static final byte LINKED_HASH_MAP = 26;
    private static final byte IMMUTABLE_MAP = 27;

    private static final Class<?> LIST_12 = List.of(0).getClass();
    private static final Class<?> LIST_N = List.of().getClass();
    private static final Class<?> SET_12 = Set.of(0).getClass();
    private static final Class<?> SET_N = Set.of().getClass();
    private static final Class<?> MAP_1 = Map.of(0, 0).getClass();
    private static final Class<?> MAP_N = Map.of().getClass();

    private PlainArguments() {
    }

    /** Whether {@code value} is plain, as {@link #write} takes it. */
    static boolean accepts(Object value) {
        return accepts(value, 0, new IdentityHashMap<>());
    }

    private static boolean accepts(Object value, int depth, IdentityHashMap<Object, Boolean> containers) {
        if (tag(value) != -1) {
            return true;
        }
        if (depth == MAX_DEPTH || containers.put(value, Boolean.TRUE) != null) {
            return false;
        }
        byte tag = containerTag(value);
        if (tag == -1) {
            return false;
        }
        boolean immutable = tag == IMMUTABLE_LIST || tag == IMMUTABLE_SET || tag == IMMUTABLE_MAP;
        Collection<?> items = value instanceof Map<?, ?> map ? map.keySet() : (Collection<?>) value;
        for (Object item : items) {
            if (immutable && item == null || !accepts(item, depth + 1, containers)) {
                return false;
            }
        }
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (immutable && item == null || !accepts(item, depth + 1, containers)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes a value {@link #accepts} took. */
    static void write(WireOutput out, Object value) {
        byte tag = tag(value);
        if (tag == -1) {
            tag = containerTag(value);
        }
        out.write(tag);
        switch (tag) {
            case NULL:
                break;
            case STRING:
            case PATH:
                out.string(value.toString());
                break;
            case FILE:
                out.string(((File) value).getPath());
                break;
            case INTEGER:
                out.integer((Integer) value);
                break;
            case LONG:
                out.longInteger((Long) value);
                break;
            case SHORT:
                out.integer((Short) value);
                break;
            case BYTE:
                out.integer((Byte) value);
                break;
            case CHARACTER:
                out.integer((Character) value);
                break;
            case BOOLEAN:
                out.bool((Boolean) value);
                break;
            case DOUBLE:
                out.longInteger(Double.doubleToRawLongBits((Double) value));
                break;
            case FLOAT:
                out.integer(Float.floatToRawIntBits((Float) value));
                break;
            case HASH_MAP:
            case LINKED_HASH_MAP:
            case IMMUTABLE_MAP:
                out.integer(((Map<?, ?>) value).size());
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    write(out, entry.getKey());
                    write(out, entry.getValue());
                }
                break;
            default:
                out.integer(((Collection<?>) value).size());
                for (Object item : (Collection<?>) value) {
                    write(out, item);
                }
                break;
        }
    }

    /** Reads what {@link #write} wrote. */
    static Object read(ByteBuffer in) {
        return read(in, 0);
    }

    private static Object read(ByteBuffer in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("values nested deeper than " + MAX_DEPTH);
        }
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return WireInput.string(in);
            case PATH:
                return Path.of(WireInput.string(in));
            case FILE:
                return new File(WireInput.string(in));
            case INTEGER:
                return in.getInt();
            case LONG:
                return in.getLong();
            case SHORT:
                return (short) in.getInt();
            case BYTE:
                return (byte) in.getInt();
            case CHARACTER:
                return (char) in.getInt();
            case BOOLEAN:
                return WireInput.bool(in);
            case DOUBLE:
                return Double.longBitsToDouble(in.getLong());
            case FLOAT:
                return Float.intBitsToFloat(in.getInt());
            case ARRAY_LIST:
            case IMMUTABLE_LIST:
                List<Object> list = new ArrayList<>();
                for (int i = WireInput.count(in, 1); i > 0; i--) {
                    list.add(read(in, depth + 1));
                }
                return tag == ARRAY_LIST ? list : List.copyOf(list);
            case HASH_SET:
            case LINKED_HASH_SET:
            case IMMUTABLE_SET:
                Set<Object> set = tag == HASH_SET ? new HashSet<>() : new LinkedHashSet<>();
                for (int i = WireInput.count(in, 1); i > 0; i--) {
                    set.add(read(in, depth + 1));
                }
                return tag == IMMUTABLE_SET ? Set.copyOf(set) : set;
            case HASH_MAP:
            case LINKED_HASH_MAP:
            case IMMUTABLE_MAP:
                Map<Object, Object> map = tag == HASH_MAP ? new HashMap<>() : new LinkedHashMap<>();
                for (int i = WireInput.count(in, 2); i > 0; i--) {
                    map.put(read(in, depth + 1), read(in, depth + 1));
                }
                return tag == IMMUTABLE_MAP ? Map.copyOf(map) : map;
            default:
                throw new IllegalArgumentException("an unknown kind of value " + tag);
        }
    }

    /** The tag of a value that holds no other, or -1. */
    private static byte tag(Object value) {
        if (value == null) {
            return NULL;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        } else if (type == Integer.class) {
            return INTEGER;
        } else if (type == Long.class) {
            return LONG;
        } else if (type == Short.class) {
            return SHORT;
        } else if (type == Byte.class) {
            return BYTE;
        } else if (type == Character.class) {
            return CHARACTER;
        } else if (type == Boolean.class) {
            return BOOLEAN;
        } else if (type == Double.class) {
            return DOUBLE;
        } else if (type == Float.class) {
            return FLOAT;
        } else if (type == File.class) {
            return FILE;
        } else if (value instanceof Path path && path.getFileSystem() == FileSystems.getDefault()) {
            return PATH;
        }
        return -1;
    }

    /** The tag of a collection this encoding takes, or -1. */
    private static byte containerTag(Object value) {
        Class<?> type = value.getClass();
        if (type == ArrayList.class) {
            return ARRAY_LIST;
        } else if (type == LIST_12 || type == LIST_N) {
            return IMMUTABLE_LIST;
        } else if (type == HashSet.class) {
            return HASH_SET;
        } else if (type == LinkedHashSet.class) {
            return LINKED_HASH_SET;
        } else if (type == SET_12 || type == SET_N) {
            return IMMUTABLE_SET;
        } else if (type == HashMap.class) {
            return HASH_MAP;
        } else if (type == LinkedHashMap.class) {
            return LINKED_HASH_MAP;
        } else if (type == MAP_1 || type == MAP_N) {
            return IMMUTABLE_MAP;
        }
        return -1;
    }
}
