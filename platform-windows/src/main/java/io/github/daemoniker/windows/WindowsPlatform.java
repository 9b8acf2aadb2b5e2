package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.PidFileLock;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Windows: a windowless relaunch of the same launcher, LockFileEx pid files (through the JDK), and
 * signals carried by sleeper processes. All of Windows is in this package; what is not a Win32
 * call is plain Java that the Linux suite tests too.
 */
public final class WindowsPlatform implements Platform {
    private static final WindowsSleepers SLEEPERS = new WindowsSleepers();
    private static final Map<Path, SleeperListener> LISTENERS = new ConcurrentHashMap<>();

    @Override
    public LaunchCommand currentCommand() {
        List<String> argv = WindowsCommandLine.split(Win32.KERNEL32.GetCommandLineW().getWideString(0));
        // argv[0] is whatever the caller typed ("java"); the system knows the executable's full path
        String executable = ProcessHandle.current().info().command().orElse(argv.get(0));
        return new LaunchCommand(executable, argv.subList(1, argv.size()));
    }

    @Override
    public Launched launch(LaunchCommand command, String token, DaemonPlan plan, OpenPidFile lockedPidFile) {
        return WindowsLauncher.launch(command, token, plan);
    }

    /** A LockFileEx lock belongs to the handle in the process that took it: the daemon takes its own. */
    @Override
    public boolean handsPidFileLockOver() {
        return false;
    }

    @Override
    public OpenPidFile openPidFile(Path path, boolean create) throws IOException {
        return JdkPidFile.open(path, create);
    }

    /** The spec is "handOff,readiness": the values of two inherited pipe handles. */
    @Override
    public DaemonChannels attach(String channelSpec) {
        long[] values = DaemonSwitch.channelNumbers(channelSpec);
        if (values.length != 2) {
            throw new DaemonSwitch("", channelSpec).stray("its channels '" + channelSpec + "' are not Daemoniker's");
        }
        for (long value : values) {
            if (Win32.KERNEL32.GetFileType(WindowsHandles.of(value)) != Win32.FILE_TYPE_PIPE) {
                throw new DaemonSwitch("", channelSpec).stray("handle " + value + " is not a pipe from the original"
                        + " process");
            }
        }
        return new DaemonChannels(HandleStreams.input(WindowsHandles.of(values[0])),
                HandleStreams.output(WindowsHandles.of(values[1])), null);
    }

    @Override
    public void warmUp() {
        // binding kernel32 is the whole of the native layer's start
        java.util.Objects.requireNonNull(Win32.KERNEL32);
    }

    /**
     * For this process: whether the file at {@code path} is the one it holds locked (the JDK
     * knows its own locks by file identity). Windows cannot tell which files another process has
     * open; that process holds the lock only if it runs, and the holder is the one that writes
     * the pid, so for another process this says whether it runs.
     */
    @Override
    public boolean hasOpen(long pid, Path path) {
        if (pid != ProcessHandle.current().pid()) {
            return isRunning(pid);
        }
        try {
            return PidFileLock.isLocked(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Windows cannot tell which files another process has open. */
    @Override
    public long otherProcessWithOpen(Path path, long except) {
        return -1;
    }

    @Override
    public long startProgram(List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile) {
        throw new DaemonikerException("starting another program as a daemon is not available on Windows yet:"
                + " start a Java program that calls Daemonizer instead");
    }

    @Override
    public void settle(DaemonPlan plan, String channelSpec) {
        chdir(plan);
        // its stdin, and logs, are its own since CreateProcess; the pipes to the original process
        // are not for the programs it starts
        for (int std : new int[] {Win32.STD_INPUT_HANDLE, Win32.STD_OUTPUT_HANDLE, Win32.STD_ERROR_HANDLE}) {
            HANDLE handle = Win32.KERNEL32.GetStdHandle(std);
            if (handle != null && Win32.KERNEL32.GetFileType(handle) == Win32.FILE_TYPE_PIPE) {
                WindowsHandles.keepFromChildren(handle);
            }
        }
        // unset streams were the pipe to the original process until now. The pipe's handle stays
        // open: the C runtime the JVM writes its own messages through keeps its value, and a
        // closed value may be reused by a file that is none of theirs. Once the original process
        // has gone, whatever still reaches the pipe is dropped.
        if (plan.stdout() == null) {
            System.out.flush();
            Win32.KERNEL32.SetStdHandle(Win32.STD_OUTPUT_HANDLE, WindowsHandles.nullOutput());
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        }
        if (plan.stderr() == null) {
            System.err.flush();
            Win32.KERNEL32.SetStdHandle(Win32.STD_ERROR_HANDLE, WindowsHandles.nullOutput());
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        }
    }

    private static void chdir(DaemonPlan plan) {
        if (!Win32.KERNEL32.SetCurrentDirectoryW(plan.chdir().toString())) {
            throw new DaemonizeException("the daemon could not change to directory " + plan.chdir() + ": "
                    + WindowsHandles.describe(Win32.lastError()));
        }
    }

    @Override
    public Runnable handleSignal(Path pidFile, Signal signal, Consumer<Signal> sink) {
        Runnable sleeper = LISTENERS.computeIfAbsent(pidFile.toAbsolutePath().normalize(),
                path -> new SleeperListener(path, SLEEPERS)).handle(signal, sink);
        if (signal != Signal.SIGINT) {
            return sleeper;
        }
        Runnable console = WindowsConsole.onInterrupt(sink);
        return () -> {
            console.run();
            sleeper.run();
        };
    }

    @Override
    public void sendSignal(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame) {
        SleeperSender.send(pidFile, pid, signal, stillTheSame, SLEEPERS);
    }

    @Override
    public void kill(long pid, BooleanSupplier stillTheSame) {
        HANDLE process = Win32.KERNEL32.OpenProcess(WinNT.PROCESS_TERMINATE, false, (int) pid);
        if (process == null) {
            throw new DaemonikerException("process " + pid + " could not be opened to be ended: "
                    + WindowsHandles.describe(Win32.lastError()));
        }
        try {
            if (!stillTheSame.getAsBoolean()) {
                throw new DaemonikerException("process " + pid
                        + " stopped being the pid file's holder while it was being ended: nothing was done");
            }
            if (!Win32.KERNEL32.TerminateProcess(process, 1)) {
                throw new DaemonikerException("process " + pid + " could not be ended: "
                        + WindowsHandles.describe(Win32.lastError()));
            }
        } finally {
            WindowsHandles.close(process);
        }
    }

    @Override
    public void chroot(Path directory) {
        throw new DaemonikerException("DaemonOptions.chrootDirectory is a Unix option: leave it unset on Windows");
    }

    @Override
    public void checkRunAs(String user, String group) {
        throw new DaemonikerException("DaemonOptions.user and group are Unix options: leave them unset on Windows");
    }

    @Override
    public void runAs(String user, String group) {
        checkRunAs(user, group);
    }

    @Override
    public boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Windows has no umask and no core dumps to prevent: the working directory is all. */
    @Override
    public void settleForeground(DaemonPlan plan) {
        chdir(plan);
    }

    @Override
    public void sendDatagram(String socket, byte[] message) {
        throw new DaemonikerException("NOTIFY_SOCKET is a Unix (systemd) protocol: unset it on Windows");
    }
}
