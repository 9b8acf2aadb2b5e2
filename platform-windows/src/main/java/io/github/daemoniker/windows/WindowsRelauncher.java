package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.Relauncher;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The relaunch through CreateProcess with no window, and the daemon's side of it. */
final class WindowsRelauncher implements Relauncher {
    private final ServiceHost service;

    WindowsRelauncher(ServiceHost service) {
        this.service = service;
    }

    @Override
    public LaunchCommand currentCommand() {
        List<String> argv = WindowsCommandLine.split(Win32.KERNEL32.GetCommandLineW().getWideString(0));
        // argv[0] is whatever the caller typed ("java"); the system knows the executable's full path
        String executable = ProcessHandle.current().info().command().orElse(argv.get(0));
        return new LaunchCommand(executable, argv.subList(1, argv.size()));
    }

    /** The daemon takes its pid file itself: a LockFileEx lock belongs to the process that took it. */
    /** CreateProcessW and an exact handle list: Windows has no way to do them with the JDK, so no gated launch. */
    @Override
    public Launched launch(LaunchCommand command, String token, DaemonPlan plan) {
        return WindowsLauncher.launch(command, token, plan);
    }

    /** The channels are the values of two inherited pipe handles. */
    @Override
    public DaemonChannels attach(DaemonSwitch.Channels channels) {
        for (long value : new long[] {channels.handOff(), channels.readiness()}) {
            if (Win32.KERNEL32.GetFileType(WindowsHandles.of(value)) != Win32.FILE_TYPE_PIPE) {
                throw channels.stray("handle " + value + " is not a pipe from the original process");
            }
        }
        return new DaemonChannels(HandleStreams.input(WindowsHandles.of(channels.handOff())),
                HandleStreams.output(WindowsHandles.of(channels.readiness())));
    }

    @Override
    public void settle(DaemonPlan plan, DaemonSwitch.Channels channels) {
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
        toNullDeviceUnless(plan);
        // rotated logs were the pipe too: the daemon opens them itself, so that every handle on them
        // is its own to close when it renames them
        if (plan.get(Option.ROTATE_LOGS_AT) > 0) {
            WindowsLogStreams.reopen(plan.get(Option.STDOUT), plan.get(Option.STDERR));
        }
    }

    /** The streams the plan leaves unset go to the null device. */
    private static void toNullDeviceUnless(DaemonPlan plan) {
        if (plan.get(Option.STDOUT) == null) {
            System.out.flush();
            Win32.KERNEL32.SetStdHandle(Win32.STD_OUTPUT_HANDLE, WindowsHandles.nullOutput());
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        }
        if (plan.get(Option.STDERR) == null) {
            System.err.flush();
            Win32.KERNEL32.SetStdHandle(Win32.STD_ERROR_HANDLE, WindowsHandles.nullOutput());
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        }
    }

    /**
     * Windows has no umask and no core dumps to prevent: the working directory is all, and for a
     * service, which has no console and no journal, its streams: the log files, or the null device.
     */
    @Override
    public void settleForeground(DaemonPlan plan) {
        if (service.isService()) {
            toNullDeviceUnless(plan);
            WindowsLogStreams.reopen(plan.get(Option.STDOUT), plan.get(Option.STDERR));
        }
    }

    @Override
    public void reopenStreams(Path stdout, Path stderr) {
        WindowsLogStreams.reopen(stdout, stderr);
    }

    @Override
    public void changeDirectory(Path directory) {
        if (!Win32.KERNEL32.SetCurrentDirectoryW(directory.toString())) {
            throw new DaemonizeException("the daemon could not change to directory " + directory + ": "
                    + WindowsHandles.describe(Win32.lastError()));
        }
    }

    @Override
    public boolean launchUsuallyNeedsNative() {
        return true;
    }

    @Override
    public void warmUp() {
        // binding kernel32 is the whole of the native layer's start
        java.util.Objects.requireNonNull(Win32.KERNEL32);
    }
}
