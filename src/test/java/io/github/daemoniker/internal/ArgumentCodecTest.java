package io.github.daemoniker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.DaemonizeException;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ArgumentCodecTest {

    record Config(String name, int port, List<String> hosts) {
    }

    /** No no-argument constructor: made without calling one, as Java serialization does. */
    static final class Immutable {
        final String value;

        Immutable(String value) {
            this.value = value;
        }
    }

    static final class Node {
        Node next;
        String name;
    }

    private static Object[] roundTrip(Object... args) {
        return ArgumentCodec.decode(ArgumentCodec.encode(args));
    }

    @Test
    void plainDataRoundTrips() {
        Object[] args = {"text", 42, 42L, 3.5, true, 'c', new BigDecimal("1.50"), null, new int[] {1, 2},
                Instant.ofEpochSecond(1_700_000_000L), Duration.ofMillis(1500)};
        Object[] back = roundTrip(args);
        assertEquals(args.length, back.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof int[] ints) {
                assertArrayEquals(ints, (int[]) back[i]);
            } else {
                assertEquals(args[i], back[i], "argument " + i);
            }
        }
    }

    @Test
    void collectionsRecordsAndPathsRoundTrip() {
        Map<String, Object> map = new HashMap<>(Map.of("a", 1, "b", List.of("x")));
        Object[] back = roundTrip(List.of(1, 2, 3), Set.of("s"), Map.of("k", "v"), new ArrayList<>(List.of("m")), map,
                new Config("svc", 8080, List.of("h1", "h2")), Path.of("/var/run/x.pid"), new File("rel/file"));
        assertEquals(List.of(1, 2, 3), back[0]);
        assertEquals(Set.of("s"), back[1]);
        assertEquals(Map.of("k", "v"), back[2]);
        assertEquals(List.of("m"), back[3]);
        assertEquals(map, back[4]);
        assertEquals(new Config("svc", 8080, List.of("h1", "h2")), back[5]);
        assertEquals(Path.of("/var/run/x.pid"), back[6]);
        assertEquals(new File("rel/file"), back[7]);
    }

    /** What most programs pass goes without Kryo, and comes back as the same classes with the same contents. */
    @Test
    void plainArgumentsKeepTheirClassesWithoutKryo() {
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("z", null);
        linked.put("a", new ArrayList<>(List.of(1L, (short) 2, (byte) 3, 'c', 2.5f, Double.NaN)));
        Object[] args = {"http://localhost:8080/", 8, List.of("alpha", "beta", "gamma"), List.of("one"), List.of(),
                new HashMap<>(Map.of("k", List.of(true))), linked, new HashSet<>(Set.of("s")),
                new LinkedHashSet<>(List.of("b", "a")), Set.of(1, 2, 3), Map.of("m", 1), Map.of(), null,
                Path.of("/var/run/x.pid"), new File("rel/file"), "\u0000\uD800 unpaired"};
        for (Object arg : args) {
            assertTrue(PlainArguments.accepts(arg), String.valueOf(arg));
        }
        List<byte[]> encoded = ArgumentCodec.encode(args);
        assertFalse(ArgumentCodec.needsKryo(encoded));
        Object[] back = ArgumentCodec.decode(encoded);
        for (int i = 0; i < args.length; i++) {
            assertEquals(args[i], back[i], "argument " + i);
            assertEquals(args[i] == null ? null : args[i].getClass(), back[i] == null ? null : back[i].getClass(),
                    "argument " + i);
        }
        assertEquals(List.copyOf(linked.keySet()), List.copyOf(((Map<?, ?>) back[6]).keySet()));
        assertEquals(List.of("b", "a"), List.copyOf((Set<?>) back[8]));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) back[2]).add(null));
    }

    /** Shared, cyclic, deep or other collections, and nulls in immutable ones, are Kryo's, which keeps them as they are. */
    @Test
    void whatIsNotATreeOfPlainValuesGoesToKryo() {
        List<Object> shared = new ArrayList<>(List.of("x"));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        Object deep = "leaf";
        for (int i = 0; i < 100; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        for (Object arg : new Object[] {List.of(shared, shared), cyclic, deep, new TreeMap<>(Map.of("a", 1)),
                java.util.Arrays.asList("x", null), java.util.stream.Stream.of("x", null).toList(), new String[] {"x"}}) {
            assertFalse(PlainArguments.accepts(arg), String.valueOf(arg).length() > 80 ? "deep" : String.valueOf(arg));
        }
        assertTrue(ArgumentCodec.needsKryo(ArgumentCodec.encode(new Object[] {List.of(shared, shared), cyclic})));
        Object[] back = roundTrip(List.of(shared, shared), cyclic);
        List<?> pair = (List<?>) back[0];
        assertSame(pair.get(0), pair.get(1));
        List<?> loop = (List<?>) back[1];
        assertSame(loop, loop.get(0));
    }

    @Test
    void objectsWithoutADefaultConstructorAndCyclesRoundTrip() {
        Node a = new Node();
        Node b = new Node();
        a.name = "a";
        b.name = "b";
        a.next = b;
        b.next = a;
        Object[] back = roundTrip(new Immutable("kept"), a);
        assertEquals("kept", ((Immutable) back[0]).value);
        Node node = (Node) back[1];
        assertEquals("b", node.next.name);
        assertSame(node, node.next.next);
    }

    @Test
    void anArgumentKryoCannotCarryIsNamedByIndexAndType() {
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> ArgumentCodec.encode(new Object[] {"fine", new Thread("busy")}));
        assertEquals("argument 1 (java.lang.Thread) cannot be handed to the daemon: it is a java.lang.Thread, which"
                + " belongs to this process and cannot be copied; pass plain data (strings, numbers, records,"
                + " collections) instead", e.getMessage());
    }

    @Test
    void whatKryoItselfCannotCarryIsSaidInKryosWords() {
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> ArgumentCodec.encode(new Object[] {(Runnable) () -> { }}));
        assertTrue(e.getMessage().startsWith("argument 0 ("), e.getMessage());
        assertTrue(e.getMessage().contains(") cannot be handed to the daemon: Kryo cannot serialize it: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; pass plain data (strings, numbers, records, collections) instead"));
    }

    @Test
    void aLambdaIsRefusedInTheParent() {
        Supplier<String> lambda = () -> "code, not data";
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> ArgumentCodec.encode(new Object[] {lambda}));
        assertTrue(e.getMessage().startsWith("argument 0 ("), e.getMessage());
    }

    /** A list nested far deeper than a stack can walk: one sentence, no StackOverflowError out of daemonize(). */
    @Test
    void aValueNestedTooDeeplyIsOneSentence() {
        List<Object> outer = new ArrayList<>();
        List<Object> inner = outer;
        for (int depth = 0; depth < 200_000; depth++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        DaemonizeException e = assertThrows(DaemonizeException.class,
                () -> ArgumentCodec.encode(new Object[] {"fine", outer}));
        assertEquals("argument 1 (java.util.ArrayList) cannot be handed to the daemon: it is nested too deeply for"
                + " the stack (collections or objects inside one another thousands of levels down); pass plain data"
                + " (strings, numbers, records, collections) instead", e.getMessage());
    }
}
