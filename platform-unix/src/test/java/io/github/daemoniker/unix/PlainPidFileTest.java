package io.github.daemoniker.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.OpenPidFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Linux pid file before the native layer: read without waiting, its holder named from
 * /proc/locks, and its JDK lock moved onto an open-file-description lock with no moment unlocked.
 */
class PlainPidFileTest {
    @TempDir
    Path dir;

    @Test
    void aLineOfTheTableNamesAPosixLocksProcessAndNoneForAnOpenFileDescriptionLock() {
        assertEquals(OptionalLong.of(4242), LockTable.holderIn("1: POSIX  ADVISORY  WRITE 4242 fd:01:123 0 EOF", "fd:01:123"));
        assertEquals(OptionalLong.of(-1), LockTable.holderIn("2: OFDLCK ADVISORY  WRITE -1 fd:01:123 0 EOF", "fd:01:123"));
        assertEquals(OptionalLong.empty(), LockTable.holderIn("3: FLOCK  ADVISORY  WRITE 77 fd:01:123 0 EOF", "fd:01:123"));
        assertEquals(OptionalLong.empty(), LockTable.holderIn("4: POSIX  ADVISORY  WRITE 4242 fd:01:1234 0 EOF", "fd:01:123"));
        assertEquals(OptionalLong.empty(), LockTable.holderIn("4: -> POSIX  ADVISORY  WRITE 99 fd:01:123 0 EOF", "fd:01:123"));
    }

    @Test
    void devicesAreSplitAsGlibcSplitsThem() {
        assertEquals(0x12345, LockTable.major(makedev(0x12345, 0x60089)));
        assertEquals(0x60089, LockTable.minor(makedev(0x12345, 0x60089)));
        assertEquals(8, LockTable.major(0x801));
        assertEquals(1, LockTable.minor(0x801));
    }

    /** glibc's gnu_dev_makedev. */
    private static long makedev(long major, long minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLockOfThisProcessIsNamedByTheKernelsTable() throws IOException {
        Path file = Files.writeString(dir.resolve("a.pid"), "");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.lock();
             OpenPidFile probe = PlainPidFile.open(file, PlainPidFile.Role.READER)) {
            assertTrue(lock.isValid());
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), probe.holder());
        }
        try (OpenPidFile probe = PlainPidFile.open(file, PlainPidFile.Role.READER)) {
            assertEquals(OptionalLong.empty(), probe.holder());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoAtThePathIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo.pid");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        IOException refused = assertThrows(IOException.class, () -> PlainPidFile.open(fifo, PlainPidFile.Role.READER));
        assertTrue(refused.getMessage().contains("a FIFO"), refused.getMessage());
        assertThrows(IOException.class, () -> PlainPidFile.open(fifo, PlainPidFile.Role.DAEMON));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFileThisUserMayNotWriteIsReadThroughTheNativeLayer() throws IOException {
        Path file = Files.writeString(dir.resolve("b.pid"), "12\n");
        assertTrue(file.toFile().setWritable(false, false));
        try (OpenPidFile probe = PlainPidFile.open(file, PlainPidFile.Role.READER)) {
            // root may write anything: the JDK's open is enough there
            assertEquals("12\n", new String(probe.read().head()));
            if (!Files.isWritable(file)) {
                assertInstanceOf(UnixPidFile.class, probe);
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDaemonsLockMovesOntoAnOpenFileDescriptionLockOfTheWholeFile() throws IOException {
        Path file = dir.resolve("c.pid");
        UnixPidFileAccess access = new UnixPidFileAccess();
        OpenPidFile plain = access.openBeforeNative(file);
        assertTrue(plain.tryLock());
        OpenPidFile settled = access.settle(file, plain);
        try {
            assertInstanceOf(UnixPidFile.class, settled);
            List<String> locks = locksOf(file);
            assertEquals(1, locks.size(), locks.toString());
            assertTrue(locks.get(0).matches(".*OFDLCK +ADVISORY +WRITE .* 0 EOF$"), locks.toString());
            // closing another open of the file in this process, as the JDK does when it reads it, keeps it
            Files.readAllBytes(file);
            assertEquals(locks, locksOf(file));
            try (OpenPidFile second = access.openBeforeNative(file)) {
                assertFalse(second.tryLock(), "a second daemon's lock");
            }
        } finally {
            settled.close();
        }
        assertEquals(List.of(), locksOf(file));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void whileTheBytesBelowAreLockedAnotherDaemonCannotTakeTheByte() throws IOException {
        Path file = dir.resolve("d.pid");
        UnixPidFileAccess access = new UnixPidFileAccess();
        try (UnixPidFile moving = UnixPidFile.open(file, true); OpenPidFile other = access.openBeforeNative(file)) {
            assertTrue(moving.tryLockBelow(PlainPidFile.START_MARK));
            assertFalse(other.tryLock(), "the byte is free, but the bytes below it are not");
        }
    }

    /**
     * Each check with a mark of its own: a POSIX lock goes when its process closes any other
     * descriptor of the file, as each check here does (in a real start, another process).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aStartsMarkKeepsOtherStartsOutButNotItsOwnDaemonAndReadsAsAStartInProgress() throws IOException {
        Path file = dir.resolve("e.pid");
        UnixPidFileAccess access = new UnixPidFileAccess();
        assertFalse(whileMarked(file, () -> access.openToMarkStart(file)), "a second start");
        assertFalse(whileMarked(file, () -> UnixPidFile.open(file, true)), "a start that passes its lock over");
        assertTrue(whileMarked(file, () -> access.openBeforeNative(file)), "the daemon it launched");
        try (OpenPidFile mark = access.openToMarkStart(file)) {
            assertTrue(mark.tryLock());
            assertEquals(OptionalLong.of(-1), LockTable.holder((Long) Files.getAttribute(file, "unix:dev"),
                    (Long) Files.getAttribute(file, "unix:ino")), "a start in progress names no process");
        }
    }

    private interface Opener {
        OpenPidFile open() throws IOException;
    }

    /** Whether the file {@code other} opens can be locked while a start's mark is held. */
    private static boolean whileMarked(Path file, Opener other) throws IOException {
        try (OpenPidFile mark = new UnixPidFileAccess().openToMarkStart(file)) {
            assertTrue(mark.tryLock());
            try (OpenPidFile rival = other.open()) {
                return rival.tryLock();
            }
        }
    }

    private static List<String> locksOf(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        return Files.readAllLines(Path.of("/proc/locks")).stream().filter(line -> line.contains(":" + inode + " ")).toList();
    }
}
