package io.github.daemoniker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.Option;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

    @Test
    void defaults() {
        DaemonOptions d = DaemonOptions.defaults();
        assertEquals(Path.of("/"), d.chdir());
        assertEquals(Optional.empty(), d.stdin());
        assertEquals(Optional.empty(), d.stdout());
        assertEquals(Optional.empty(), d.stderr());
        assertEquals(0027, d.umask());
        assertEquals(Set.of(), d.shieldedFds());
        assertEquals(Duration.ofSeconds(30), d.successTimeout());
        assertEquals(false, d.stripCmdArgs());
    }

    @Test
    void badValuesAreRefusedAtOnceWithWhatToDo() {
        DaemonOptions.Builder b = DaemonOptions.builder();
        assertEquals("umask 01000 is out of range: give an octal value from 0 to 0777, such as 0027",
                assertThrows(IllegalArgumentException.class, () -> b.umask(01000)).getMessage());
        assertEquals("file descriptor 2 cannot be shielded: 0, 1 and 2 are always redirected; shield descriptors"
                + " from 3 up", assertThrows(IllegalArgumentException.class, () -> b.shieldedFds(2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.successTimeout(Duration.ZERO))
                .getMessage().contains("must be positive"));
        for (String whatRuns : new String[] {"-jar", "-cp", "--module=m/x.Main", "--class-path=x", "Main"}) {
            assertEquals("'" + whatRuns + "' is not a JVM option the daemon may add: give options that start with '-'"
                    + " and leave the class path, module and -jar as they are",
                    assertThrows(IllegalArgumentException.class, () -> b.jvmOptions("-Xmx1g", whatRuns)).getMessage());
        }
        assertEquals(List.of(), b.build().jvmOptions(), "a refused call adds nothing");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.environment("A=B", "x")).getMessage()
                .startsWith("'A=B' is not an environment variable name"));
        assertEquals("DAEMONIKER_SWITCH is Daemoniker's own variable: the daemon gets its own, set by the library",
                assertThrows(IllegalArgumentException.class, () -> b.environment("daemoniker_switch", "x")).getMessage());
        assertEquals("logs are reopened on SIGHUP, SIGUSR1 or SIGUSR2, not on SIGTERM, which has a meaning of its own",
                assertThrows(IllegalArgumentException.class, () -> b.reopenLogsOn(Signal.SIGTERM)).getMessage());
        assertEquals("logs rotate at 4096 bytes or more and keep 1 to 100 files, not at 100 bytes keeping 3",
                assertThrows(IllegalArgumentException.class, () -> b.rotateLogs(100, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.rotateLogs(1 << 20, 0));
        assertThrows(IllegalArgumentException.class, () -> b.rotateLogs(1 << 20, 101));
        assertEquals(java.util.OptionalLong.empty(), b.build().rotateLogsAt(), "a refused call sets nothing");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS,
            disabledReason = "Unix has these signals")
    void reopeningLogsOnASignalIsRefusedOnWindowsSayingWhy() {
        assertEquals("reopening logs on a signal is a Unix option: SIGUSR1 does not exist on "
                + System.getProperty("os.name"), assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.builder().reopenLogsOn(Signal.SIGUSR1)).getMessage());
    }

    @Test
    void immutableAndCopyable() {
        DaemonOptions.Builder unix = DaemonOptions.builder().stdout(Path.of("a.log")).shieldedFds(5, 7)
                .jvmOptions("-Xmx1g").environment("MODE", "daemon").environment("GONE", null).exitZeroOnStop(true)
                .rotateLogs(1 << 20, 5);
        DaemonOptions o = (Signal.SIGUSR1.isAvailable() ? unix.reopenLogsOn(Signal.SIGUSR1) : unix).build();
        assertThrows(UnsupportedOperationException.class, () -> o.shieldedFds().add(9));
        assertEquals(o, o.toBuilder().build());
        assertEquals(java.util.OptionalLong.of(1 << 20), o.rotateLogsAt());
        assertEquals(5, o.logsKept());
        assertNotEquals(o, o.toBuilder().rotateLogs(1 << 20, 4).build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
        DaemonOptions changed = o.toBuilder().umask(0).build();
        assertEquals(0, changed.umask());
        assertEquals(0027, o.umask());
    }

    @Test
    void relativePathsResolveAgainstTheOriginalDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        DaemonPlan plan = DaemonPlan.resolve(Path.of("run/x.pid"),
                DaemonOptions.builder().chdir(Path.of("work/../data")).stdout(Path.of("x.log")).build());
        assertEquals(cwd.resolve("run/x.pid"), plan.pidFile());
        assertEquals(cwd.resolve("data"), plan.get(Option.CHDIR));
        assertEquals(cwd.resolve("x.log"), plan.get(Option.STDOUT));
        assertEquals(null, plan.get(Option.STDERR));
    }

    @Test
    void daemonizedArgumentsAreTypedAndBoundsChecked() {
        Daemonized d = Daemonized.daemon(42, new Object[] {"s", 1});
        assertEquals("s", d.arg(0, String.class));
        assertEquals("argument 1 is a java.lang.Integer, not a java.lang.String",
                assertThrows(ClassCastException.class, () -> d.arg(1, String.class)).getMessage());
        assertEquals("argument 2 does not exist: 2 argument(s) were handed to the daemon",
                assertThrows(IndexOutOfBoundsException.class, () -> d.arg(2, Object.class)).getMessage());
        Object[] copy = d.args();
        copy[0] = "changed";
        assertEquals("s", d.arg(0, String.class));
        assertEquals(1, d.arg(1, int.class));
    }

    @Test
    void inTheOriginalProcessTheArgumentsAreNullButCheckedTheSame() {
        Daemonized d = Daemonized.parent(42, new Object[] {"s", 1, null});
        assertEquals(null, d.arg(0, String.class));
        assertEquals(null, d.arg(1, Number.class));
        assertEquals(null, d.arg(2, Thread.class), "a null argument is any type's");
        assertEquals("argument 0 is a java.lang.String, not a java.lang.Integer",
                assertThrows(ClassCastException.class, () -> d.arg(0, Integer.class)).getMessage());
        assertEquals("argument 3 does not exist: 3 argument(s) were handed to the daemon",
                assertThrows(IndexOutOfBoundsException.class, () -> d.arg(3, Object.class)).getMessage());
    }

    /** An IP address and a port, IPv4 or IPv6, kept as given; a name to resolve or no port is refused. */
    @Test
    void theDaemonListensOnAnIpAddressAndAPort() {
        java.net.InetSocketAddress v4 = new java.net.InetSocketAddress("127.0.0.1", 80);
        java.net.InetSocketAddress v6 = new java.net.InetSocketAddress("::1", 8443);
        assertEquals(Optional.of(v4), DaemonOptions.builder().listen(v4).build().listen());
        assertEquals(Optional.of(v6), DaemonOptions.builder().listen(v6).build().listen());
        assertEquals(Optional.empty(), DaemonOptions.builder().listen(v4).listen(null).build().listen());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.builder().listen(java.net.InetSocketAddress.createUnresolved("example.org", 80)));
        assertEquals("the daemon listens on an IP address and a port, not example.org/<unresolved>:80: give them (new"
                + " InetSocketAddress(\"127.0.0.1\", 80))", name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DaemonOptions.builder().listen(new java.net.InetSocketAddress(0)));
    }
}
