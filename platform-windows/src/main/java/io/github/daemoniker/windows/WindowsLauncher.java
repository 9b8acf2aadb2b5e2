package io.github.daemoniker.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.daemoniker.internal.Option;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Windows relaunch: the same launcher with the original command line, without a window, in a
 * new process group, out of the caller's job where the job allows it. It inherits exactly these
 * handles: its stdin (the null device or its file) and its stdout and stderr (the logs, appended
 * to, or a pipe to this process until it is ready), so that the C runtime's descriptors 0–2 and
 * Java's {@code FileDescriptor.in/out/err} are its own from the start; and the hand-off and
 * readiness pipes, named by handle value in the switch. It starts in this process's working directory, so that relative paths on its command line still
 * resolve; it moves to its own once ready.
 */
final class WindowsLauncher {
    /**
     * No window, but a console of its own (CREATE_NO_WINDOW, not DETACHED_PROCESS with javaw.exe):
     * so a launcher that cannot start the JVM (a missing class, a bad option) says why on stderr,
     * which the original process shows, instead of a message box nobody sees while it waits.
     */
    private static final int FLAGS = WinBase.CREATE_NO_WINDOW | WinBase.CREATE_NEW_PROCESS_GROUP
            | WinBase.CREATE_UNICODE_ENVIRONMENT | WinBase.EXTENDED_STARTUPINFO_PRESENT;

    private WindowsLauncher() {
    }

    static Launched launch(LaunchCommand command, String token, DaemonPlan plan) {
        Path program = Path.of(command.executable());
        List<HANDLE> parentEnds = new ArrayList<>();
        List<HANDLE> childEnds = new ArrayList<>();
        try {
            WindowsHandles.Pipe handOff = keep(WindowsHandles.Pipe.create(true), parentEnds, childEnds);
            WindowsHandles.Pipe readiness = keep(WindowsHandles.Pipe.create(false), parentEnds, childEnds);
            WindowsHandles.Pipe output = keep(WindowsHandles.Pipe.create(false), parentEnds, childEnds);
            HANDLE stdin = opened(WindowsHandles.readFrom(plan.get(Option.STDIN)), childEnds);
            // logs the daemon rotates are opened by the daemon itself, after the pipe
            boolean ownLogs = plan.get(Option.ROTATE_LOGS_AT) > 0;
            HANDLE stdout = plan.get(Option.STDOUT) == null || ownLogs ? output.child()
                    : opened(WindowsHandles.appendTo(plan.get(Option.STDOUT)), childEnds);
            HANDLE stderr = plan.get(Option.STDERR) == null || ownLogs ? output.child()
                    : plan.get(Option.STDERR).equals(plan.get(Option.STDOUT)) ? stdout : opened(WindowsHandles.appendTo(plan.get(Option.STDERR)), childEnds);
            DaemonSwitch.Channels channels = new DaemonSwitch.Channels(WindowsHandles.value(handOff.child()),
                    WindowsHandles.value(readiness.child()));
            String environment = WindowsRelaunch.environmentBlock(System.getenv(), plan.get(Option.ENVIRONMENT),
                    new DaemonSwitch(token, channels));
            WinBase.PROCESS_INFORMATION started = create(program,
                    WindowsRelaunch.commandLine(program, command.withJvmOptions(plan.get(Option.JVM_OPTIONS))), environment,
                    new HANDLE[] {stdin, stdout, stderr, handOff.child(), readiness.child()});
            WindowsHandles.close(started.hThread);
            return new Launched(HandleStreams.output(handOff.parent()), HandleStreams.input(readiness.parent()),
                    HandleStreams.input(output.parent()), grace -> abandon(started.hProcess, grace),
                    // closing a pipe handle under another thread's synchronous ReadFile may wait for
                    // that read: the readers stay, and end when the daemon closes its ends
                    () -> { });
        } catch (RuntimeException e) {
            parentEnds.forEach(WindowsHandles::close);
            throw e;
        } finally {
            // the child has its own copies now, or never will
            childEnds.forEach(WindowsHandles::close);
        }
    }

    private static WindowsHandles.Pipe keep(WindowsHandles.Pipe pipe, List<HANDLE> parentEnds, List<HANDLE> childEnds) {
        parentEnds.add(pipe.parent());
        childEnds.add(pipe.child());
        return pipe;
    }

    private static HANDLE opened(HANDLE handle, List<HANDLE> childEnds) {
        childEnds.add(handle);
        return handle;
    }

    /**
     * CreateProcess with only {@code inherited} inherited (stdin, stdout, stderr, then the rest),
     * out of the caller's job if the job lets it, in the job otherwise.
     */
    private static WinBase.PROCESS_INFORMATION create(Path program, String commandLine, String environment,
                                                      HANDLE[] inherited) {
        Map<Long, HANDLE> unique = new LinkedHashMap<>();
        for (HANDLE handle : inherited) {
            unique.put(WindowsHandles.value(handle), handle);
        }
        try (ProcThreadAttributes attributes = new ProcThreadAttributes(1)) {
            if (!attributes.set(Win32.PROC_THREAD_ATTRIBUTE_HANDLE_LIST, unique.values().toArray(new HANDLE[0]))) {
                throw WindowsHandles.failure("the daemon's inherited handles could not be listed");
            }
            Win32Types.StartupInfoEx startup = new Win32Types.StartupInfoEx();
            startup.startupInfo.dwFlags = WinBase.STARTF_USESTDHANDLES | WinBase.STARTF_USESHOWWINDOW;
            startup.startupInfo.wShowWindow = new WinDef.WORD(Win32.SW_HIDE);
            startup.startupInfo.hStdInput = inherited[0];
            startup.startupInfo.hStdOutput = inherited[1];
            startup.startupInfo.hStdError = inherited[2];
            startup.lpAttributeList = attributes.list();
            byte[] block = environment.getBytes(StandardCharsets.UTF_16LE);
            Memory environmentBlock = new Memory(block.length);
            environmentBlock.write(0, block, 0, block.length);
            WinBase.PROCESS_INFORMATION started = new WinBase.PROCESS_INFORMATION();
            boolean created = createProcess(program, commandLine, FLAGS | WinBase.CREATE_BREAKAWAY_FROM_JOB,
                    environmentBlock, startup, started);
            if (!created && Win32.lastError() == Win32.ERROR_ACCESS_DENIED) {
                // a job that does not allow breaking away: the daemon stays in it, and is told so
                created = createProcess(program, commandLine, FLAGS, environmentBlock, startup, started);
                if (created) {
                    System.getLogger(WindowsLauncher.class.getName()).log(System.Logger.Level.WARNING, "the daemon (pid "
                            + started.dwProcessId + ") could not leave this process's job object, which does not"
                            + " allow breaking away: it stays in the job, and ends when the job is closed (a CI"
                            + " runner, a service wrapper, a terminal that kills its job)");
                }
            }
            if (!created) {
                throw WindowsHandles.failure("the daemon could not be started with " + program);
            }
            return started;
        }
    }

    private static boolean createProcess(Path program, String commandLine, int flags, Pointer environment,
                                         Win32Types.StartupInfoEx startup, WinBase.PROCESS_INFORMATION started) {
        return Win32.KERNEL32.CreateProcessW(program.toString(), (commandLine + "\0").toCharArray(), null, null, true,
                flags, environment, null, startup, started);
    }

    /** Ends the relaunched process if it has not ended in {@code grace}, and waits until it has. */
    private static void abandon(HANDLE process, Duration grace) {
        if (Win32.KERNEL32.WaitForSingleObject(process, (int) Math.min(grace.toMillis(), Integer.MAX_VALUE))
                != WinBase.WAIT_OBJECT_0) {
            Win32.KERNEL32.TerminateProcess(process, 1);
            Win32.KERNEL32.WaitForSingleObject(process, 5000);
        }
        WindowsHandles.close(process);
    }
}
