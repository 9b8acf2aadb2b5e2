package io.github.daemoniker.unix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.ProcessLaunch;
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

    /** The most of a process's {@code cmdline} or {@code environ} read: the kernel's own bound is smaller. */
    private static final int MOST = 8 << 20;

    /**
     * Linux: how the process {@code pid} was started, its bytes as Java strings the JDK passes on
     * unchanged; refused in one sentence where that cannot be had.
     */
    static ProcessLaunch launchOf(long pid) {
        if (!UnixConstants.LINUX) {
            throw new DaemonikerException("pid " + pid + "'s command line, environment and directory are read from"
                    + " /proc, which only Linux has");
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String executable = Files.readSymbolicLink(proc.resolve("exe")).toString();
            if (executable.endsWith(" (deleted)")) {
                throw new DaemonikerException("pid " + pid + "'s program " + executable.replace(" (deleted)", "")
                        + " was removed or replaced since it started (an upgraded JDK?)");
            }
            List<String> argv = nulSeparated(proc.resolve("cmdline"), pid);
            List<String> environment = nulSeparated(proc.resolve("environ"), pid);
            environment.removeIf(entry -> entry.indexOf('=') <= 0);
            return new ProcessLaunch(executable, argv.subList(Math.min(1, argv.size()), argv.size()), environment);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new DaemonikerException("pid " + pid + "'s command line and environment may be read only by its own"
                    + " user or root: run this as one of them", e);
        } catch (IOException e) {
            throw new DaemonikerException("pid " + pid + "'s command line and environment could not be read from "
                    + proc + ": " + e.getMessage(), e);
        }
    }

    /** The NUL-separated strings of a /proc file, each as the Java string the JDK passes on as those bytes. */
    private static List<String> nulSeparated(Path file, long pid) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MOST + 1);
        }
        if (bytes.length > MOST) {
            throw new DaemonikerException(file + " holds more than " + (MOST >> 20) + " MiB, more than any command line");
        }
        List<String> texts = new java.util.ArrayList<>();
        for (String byteString : UnixBytes.split(bytes, 0, bytes.length, Integer.MAX_VALUE)) {
            texts.add(UnixBytes.asText(byteString).orElseThrow(() -> new DaemonikerException("pid " + pid + "'s "
                    + file.getFileName() + " holds bytes this JVM's encoding (" + UnixBytes.NATIVE + ") cannot pass on"
                    + " unchanged: run this under the locale it was started in (a UTF-8 one, say)")));
        }
        return texts;
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
