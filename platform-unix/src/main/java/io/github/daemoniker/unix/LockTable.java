package io.github.daemoniker.unix;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Linux's table of the record locks held now ({@code /proc/locks}), read in plain Java: who locks a
 * file, as F_OFD_GETLK would say it (the pid of a POSIX lock's process, -1 for an
 * open-file-description lock or a start's mark, {@link PlainPidFile#START_MARK}), before the
 * native layer is loaded. Lines of flock(2) locks, leases
 * and waiters are skipped: they never conflict with a record lock.
 */
final class LockTable {
    private static final Path LOCKS = Path.of("/proc/locks");
    private static final String START_MARK = Long.toString(PlainPidFile.START_MARK);

    private LockTable() {
    }

    /**
     * The holder of a lock of the file with this device ({@code st_dev}) and inode, or empty if the
     * table has none or cannot be read.
     */
    static OptionalLong holder(long device, long inode) {
        String file = String.format("%02x:%02x:%d", major(device), minor(device), inode);
        OptionalLong named = OptionalLong.empty();
        try (BufferedReader table = Files.newBufferedReader(LOCKS, StandardCharsets.US_ASCII)) {
            for (String line = table.readLine(); line != null; line = table.readLine()) {
                OptionalLong holder = holderIn(line, file);
                // a start in progress is said as such, though its daemon may hold a lock of its own by now
                if (holder.isPresent() && holder.getAsLong() == -1) {
                    return holder;
                }
                named = named.isPresent() ? named : holder;
            }
        } catch (IOException | RuntimeException e) {
            // no table to read (no /proc): the caller asks the file itself
        }
        return named;
    }

    /** The holder named by one line of the table if it locks {@code file} ("MAJOR:MINOR:INODE"). */
    static OptionalLong holderIn(String line, String file) {
        // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; a waiter's line has "->" after the number
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 8 || !fields[5].equals(file)) {
            return OptionalLong.empty();
        }
        switch (fields[1]) {
            case "POSIX":
                // a start's mark, like an open-file-description lock, says a start is in progress
                boolean mark = fields[6].equals(START_MARK) && fields[7].equals(START_MARK);
                return OptionalLong.of(mark ? -1 : Long.parseLong(fields[4]));
            case "OFDLCK":
                return OptionalLong.of(-1);
            default:
                return OptionalLong.empty();
        }
    }

    /** glibc's gnu_dev_major. */
    static long major(long device) {
        return (device >>> 8) & 0xfff | (device >>> 32) & 0xfffff000L;
    }

    /** glibc's gnu_dev_minor. */
    static long minor(long device) {
        return device & 0xff | (device >>> 12) & 0xffffff00L;
    }
}
