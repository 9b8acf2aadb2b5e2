package io.github.daemoniker.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.github.daemoniker.DaemonikerException;
import io.github.daemoniker.internal.ThisProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sleepers as Windows has them: the JVM's {@code javaw.exe} created suspended, so that it never
 * runs a single instruction (it costs its kernel objects and a few pages), inside a job object
 * that kills it when the daemon's handle to the job closes, that is, when the daemon ends in
 * any way. {@code TerminateProcess} sets its exit code; it is asynchronous, and a second call
 * while the process is ending succeeds too, so the exit code read after the wait tells who ended it.
 */
final class WindowsSleepers implements Sleepers {
    private static final int OPEN_ACCESS = WinNT.PROCESS_TERMINATE | WinNT.PROCESS_QUERY_LIMITED_INFORMATION
            | WinNT.SYNCHRONIZE;

    private HANDLE job;
    /** Found at the first sleeper, not again at every signal. */
    private Path javaw;

    @Override
    public synchronized Sleeper start() {
        if (javaw == null) {
            javaw = WindowsRelaunch.javaw(Path.of(System.getProperty("java.home")));
        }
        // the command line only says, in tools that show it, what this process is for
        String commandLine = WindowsCommandLine.join(List.of(javaw.toString(),
                "-Ddaemoniker.sleeper-of=" + ThisProcess.pid(), "-version"));
        WinBase.PROCESS_INFORMATION started = new WinBase.PROCESS_INFORMATION();
        boolean inJob;
        // in the job from its creation where the system can (Windows 10+): no moment in which the
        // daemon's death would leave it behind
        try (ProcThreadAttributes attributes = new ProcThreadAttributes(1)) {
            inJob = attributes.set(Win32.PROC_THREAD_ATTRIBUTE_JOB_LIST, job());
            Win32Types.StartupInfoEx startup = new Win32Types.StartupInfoEx();
            startup.lpAttributeList = inJob ? attributes.list() : null;
            if (!Win32.KERNEL32.CreateProcessW(javaw.toString(), (commandLine + "\0").toCharArray(), null, null, false,
                    WinBase.CREATE_SUSPENDED | WinBase.DETACHED_PROCESS | WinBase.EXTENDED_STARTUPINFO_PRESENT, null,
                    null, startup, started)) {
                throw WindowsHandles.failure("a signal sleeper could not be started");
            }
        }
        WindowsHandles.close(started.hThread);
        if (!inJob && !Win32.KERNEL32.AssignProcessToJobObject(job(), started.hProcess)) {
            DaemonikerException failure = WindowsHandles.failure("a signal sleeper could not be tied to the daemon's life");
            Win32.KERNEL32.TerminateProcess(started.hProcess, 0);
            WindowsHandles.close(started.hProcess);
            throw failure;
        }
        return new WindowsSleeper(started.hProcess, started.dwProcessId.longValue());
    }

    /** The job whose only handle this process holds, never closed: it closes as the process ends. */
    private HANDLE job() {
        if (job == null) {
            HANDLE created = Win32.KERNEL32.CreateJobObjectW(null, null);
            if (created == null) {
                throw WindowsHandles.failure("the job object for signal sleepers could not be created");
            }
            Win32Types.JobLimits limits = new Win32Types.JobLimits();
            limits.limitFlags = Win32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            if (!Win32.KERNEL32.SetInformationJobObject(created, Win32.JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, limits,
                    limits.size())) {
                DaemonikerException failure = WindowsHandles.failure("the job object for signal sleepers could not be"
                        + " set to end them with the daemon");
                WindowsHandles.close(created);
                throw failure;
            }
            job = created;
        }
        return job;
    }

    @Override
    public Optional<Sleeper> open(long pid, long startTime) {
        HANDLE process = Win32.KERNEL32.OpenProcess(OPEN_ACCESS, false, (int) pid);
        if (process == null) {
            if (Win32.lastError() == Win32.ERROR_ACCESS_DENIED) {
                throw new DaemonikerException("this user may not end the daemon's signal sleeper (pid " + pid
                        + "): send the signal as the user the daemon runs as");
            }
            return Optional.empty();
        }
        WindowsSleeper sleeper = new WindowsSleeper(process, pid);
        IntByReference exitCode = new IntByReference();
        if (sleeper.startTime() != startTime || !Win32.KERNEL32.GetExitCodeProcess(process, exitCode)
                || exitCode.getValue() != WinBase.STILL_ACTIVE) {
            sleeper.close();
            return Optional.empty();
        }
        return Optional.of(sleeper);
    }

    private static final class WindowsSleeper implements Sleeper {
        private final HANDLE process;
        private final long pid;
        private final AtomicBoolean closed = new AtomicBoolean();

        WindowsSleeper(HANDLE process, long pid) {
            this.process = process;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public long startTime() {
            LongByReference created = new LongByReference();
            LongByReference unused = new LongByReference();
            return Win32.KERNEL32.GetProcessTimes(process, created, unused, new LongByReference(), new LongByReference())
                    ? created.getValue() : -1;
        }

        @Override
        public int awaitExit() {
            Win32.KERNEL32.WaitForSingleObject(process, WinBase.INFINITE);
            IntByReference exitCode = new IntByReference();
            return Win32.KERNEL32.GetExitCodeProcess(process, exitCode) ? exitCode.getValue() : -1;
        }

        @Override
        public boolean end(int exitCode) {
            if (closed.get()) {
                // its handle value may belong to another object by now
                return false;
            }
            Win32.KERNEL32.TerminateProcess(process, exitCode);
            return Win32.KERNEL32.WaitForSingleObject(process, 5000) == WinBase.WAIT_OBJECT_0
                    && awaitExit() == exitCode;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                WindowsHandles.close(process);
            }
        }
    }
}
