package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonizeException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's {@code start}: any program, daemonized the way this library daemonizes a
 * JVM, with its pid file written for the program's pid before this returns.
 */
public final class ProgramStart {

    private ProgramStart() {
    }

    public static long start(List<String> command, Path pidFile, DaemonOptions options) {
        Platform platform = Platform.current();
        UnixOnly unix = platform.unixOnly("starting another program as a daemon is not available on "
                + OperatingSystem.shownName() + " yet: start a Java program that calls Daemonizer instead");
        if (command.isEmpty()) {
            throw new DaemonizeException("no program to start: give it after --");
        }
        DaemonPlan plan = DaemonPlan.resolve(pidFile, options);
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, locate(command.get(0)).toString());
        PlanChecks.check(plan);
        PidFileLock lock = PidFileLock.acquireForStart(plan.pidFile(), platform);
        long pid = 0;
        try {
            pid = unix.startProgram(resolved, plan, lock.file());
            lock.writePid(pid);
            if (!lock.file().isAt(plan.pidFile())) {
                throw new DaemonizeException("pid file " + plan.pidFile() + " was removed or replaced while the"
                        + " program started: another program is rewriting it");
            }
        } catch (RuntimeException e) {
            if (pid != 0) {
                // started, but its pid could not be written: it would run on unmanaged
                long started = pid;
                platform.processes().kill(pid, () -> platform.processes().isRunning(started));
                Poll.until(() -> !platform.processes().isRunning(started), java.time.Duration.ofSeconds(5));
                e = new DaemonizeException(e.getMessage() + "; the program (pid " + pid + ") was stopped", e);
            }
            // the shell writes the program's pid itself, before the program runs
            lock.removeAndRelease(pid != 0 ? pid : writtenPid(lock));
            throw e;
        }
        // the program holds the lock through its own descriptor of the file
        lock.handOver();
        return pid;
    }

    /**
     * Why a Java program may have failed at once in the daemon's directory: a class path, module
     * path or {@code -jar} file given relative to the directory it was started from; or "".
     */
    public static String relativePaths(List<String> command, Path chdir) {
        List<String> options = List.of("-cp", "-classpath", "--class-path", "-jar", "-p", "--module-path");
        for (int i = 1; i + 1 < command.size(); i++) {
            if (options.contains(command.get(i))) {
                for (String entry : command.get(i + 1).split(File.pathSeparator)) {
                    if (!entry.isEmpty() && !Path.of(entry).isAbsolute()) {
                        return "; its " + (command.get(i).equals("-jar") ? "jar " : "path ") + command.get(i + 1)
                                + " is relative, and it runs in " + chdir + " (--chdir): give absolute paths, or"
                                + " --chdir to where they are";
                    }
                }
            }
        }
        return "";
    }

    /** The pid the relaunching shell wrote into the file, or 0. */
    private static long writtenPid(PidFileLock lock) {
        try {
            return PidFiles.parse(lock.file().read().head()).orElse(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The program's absolute path: as given if it has a slash, else the first on PATH. */
    public static Path locate(String program) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program).toAbsolutePath();
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new DaemonizeException("the program " + program + (Files.exists(path)
                        ? " is not an executable file" : " does not exist"));
            }
            return path;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new DaemonizeException("the program " + program + " was not found on PATH");
    }
}
