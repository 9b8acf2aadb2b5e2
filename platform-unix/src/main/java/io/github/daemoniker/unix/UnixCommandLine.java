package io.github.daemoniker.unix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.ThisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This JVM's exact command line, as the kernel holds it, as byte strings ({@link UnixBytes}).
 * Not {@code ProcessHandle.info()}: its arguments come back empty past about 4 KB of command line
 * (a long class path), and decoded by the locale.
 */
final class UnixCommandLine {
    private UnixCommandLine() {
    }

    static LaunchCommand current() {
        return UnixConstants.LINUX ? fromProc() : Sysctl.commandLine();
    }

    /** Linux: the binary behind {@code /proc/self/exe}, the NUL-separated argv of {@code cmdline}. */
    private static LaunchCommand fromProc() {
        try {
            String executable = UnixBytes.of(List.of(Files.readSymbolicLink(Path.of("/proc/self/exe")).toString()))
                    .get(0);
            if (executable.endsWith(" (deleted)")) {
                throw new DaemonizeException("the java binary " + executable.replace(" (deleted)", "")
                        + " was removed or replaced since this JVM started, so it cannot be relaunched");
            }
            byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> argv = UnixBytes.split(cmdline, 0, cmdline.length, Integer.MAX_VALUE);
            return new LaunchCommand(executable, argv.subList(1, argv.size()));
        } catch (IOException e) {
            throw new DaemonizeException("this JVM's command line could not be read from /proc/self: "
                    + e.getMessage(), e);
        }
    }

    /** macOS, in a class of its own: loading it loads JNA, which a start on Linux does without. */
    private static final class Sysctl {
        private Sysctl() {
        }

        /**
         * macOS: sysctl KERN_PROCARGS2 gives argc, the executable path, NUL padding, then argv.
         * Written to the documented layout; not yet run on a Mac.
         */
        static LaunchCommand commandLine() {
            int[] name = {1 /* CTL_KERN */, 49 /* KERN_PROCARGS2 */, (int) ThisProcess.pid()};
            Memory buffer = new Memory(1 << 20);
            LongByReference size = new LongByReference(buffer.size());
            if (MacLibC.INSTANCE.sysctl(name, name.length, buffer, size, null, 0) != 0) {
                throw Errno.failure("reading this JVM's command line with sysctl KERN_PROCARGS2", Errno.last());
            }
            byte[] bytes = buffer.getByteArray(0, (int) size.getValue());
            int argc = buffer.getInt(0);
            int end = 4;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            String executable = new String(bytes, 4, end - 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            while (end < bytes.length && bytes[end] == 0) {
                end++;
            }
            List<String> argv = UnixBytes.split(bytes, end, bytes.length, argc);
            return new LaunchCommand(executable, argv.subList(1, argv.size()));
        }

        private interface MacLibC extends Library {
            MacLibC INSTANCE = Native.load("c", MacLibC.class);

            int sysctl(int[] name, int nameLength, Pointer oldValue, LongByReference oldLength, Pointer newValue,
                       long newLength);
        }
    }
}
