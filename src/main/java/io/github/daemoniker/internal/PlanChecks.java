package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The checks made in the original process before anything is started, so that the usual
 * mistakes (a missing directory, a path that cannot be written, a pid file in use) are told in
 * one sentence and nothing is started. The daemon checks again, and reports what changed since.
 */
final class PlanChecks {

    /** The refusal of the options only Unix has, made before anything else is checked. */
    static final String UNIX_OPTIONS = "DaemonOptions.user, group, chrootDirectory and listen are Unix options:"
            + " leave them unset on " + OperatingSystem.shownName();

    private PlanChecks() {
    }

    static void check(DaemonPlan plan) {
        UnixOnly unix = plan.get(Option.USER) == null && plan.get(Option.GROUP) == null && plan.get(Option.CHROOT_DIRECTORY) == null
                && plan.get(Option.LISTEN) == null ? null : Platform.current().unixOnly(UNIX_OPTIONS);
        if (plan.get(Option.LISTEN) != null && plan.get(Option.STDIN) != null) {
            throw new DaemonizeException("DaemonOptions.listen and stdin cannot both be set: the listening socket is the"
                    + " daemon's standard input");
        }
        for (String option : plan.reopensLogs()) {
            if (plan.get(Option.CHROOT_DIRECTORY) != null) {
                throw new DaemonizeException("DaemonOptions." + option + " cannot be used with chrootDirectory: the logs'"
                        + " paths are outside the daemon's new root, where it could not find them again");
            }
            if (plan.get(Option.STDOUT) == null && plan.get(Option.STDERR) == null) {
                throw new DaemonizeException("DaemonOptions." + option + " needs a log: set stdout or stderr to a file");
            }
        }
        checkRuntimeModules();
        checkOwnDirectory();
        checkPidFile(plan.pidFile());
        // with a chroot, the working directory is inside it
        checkDirectory(plan.get(Option.CHROOT_DIRECTORY) == null ? plan.get(Option.CHDIR) : plan.get(Option.CHROOT_DIRECTORY).resolve("/".equals(plan.get(Option.CHDIR).toString())
                ? "." : plan.get(Option.CHDIR).toString().substring(1)));
        if (plan.get(Option.STDIN) != null && !Files.isReadable(plan.get(Option.STDIN))) {
            throw new DaemonizeException("the daemon's stdin " + plan.get(Option.STDIN)
                    + (Files.exists(plan.get(Option.STDIN)) ? " cannot be read by this user" : " does not exist"));
        }
        checkStream("the daemon's stdin", plan.get(Option.STDIN), plan.pidFile());
        checkStream("the daemon's stdout log", plan.get(Option.STDOUT), plan.pidFile());
        checkStream("the daemon's stderr log", plan.get(Option.STDERR), plan.pidFile());
        checkWritable("the daemon's stdout log", plan.get(Option.STDOUT));
        checkWritable("the daemon's stderr log", plan.get(Option.STDERR));
        if (plan.get(Option.USER) != null || plan.get(Option.GROUP) != null) {
            unix.checkRunAs(plan.get(Option.USER), plan.get(Option.GROUP));
        }
        if (plan.get(Option.CHROOT_DIRECTORY) != null) {
            checkJail(plan.get(Option.CHROOT_DIRECTORY));
        }
    }

    /** The JDK modules a daemon needs; the README lists the same ones. */
    static final List<String> RUNTIME_MODULES = List.of("java.base", "java.logging", "jdk.unsupported");

    /**
     * The daemon loads its native layer (JNA, which logs through java.util.logging) and handles
     * signals (sun.misc.Signal) after ready: a runtime image without those modules would let a
     * start be reported whose daemon then dies.
     */
    private static void checkRuntimeModules() {
        for (String module : RUNTIME_MODULES) {
            if (ModuleLayer.boot().findModule(module).isEmpty()) {
                throw new DaemonizeException("this Java runtime lacks the module " + module + ", which the daemon needs"
                        + " (Daemoniker needs " + String.join(", ", RUNTIME_MODULES) + "): add it to the runtime image,"
                        + " as jlink --add-modules " + module);
            }
        }
    }

    /**
     * What is at the path must be a pid file (or nothing): opened without following a link or
     * blocking, and read, but not locked; the lock is taken, and all this checked again, at the start.
     */
    private static void checkPidFile(Path pidFile) {
        try (OpenPidFile file = Platform.current().pidFiles().open(pidFile, false)) {
            OpenPidFile.Content content = file.read();
            if (!content.isOurs()) {
                throw PidFiles.notOurs(pidFile, content);
            }
        } catch (NoSuchFileException e) {
            // created at the start
        } catch (IOException e) {
            throw PidFiles.cannotOpen(pidFile, e);
        }
        checkWritable("pid file", pidFile);
        Optional<DaemonizeException> inUse = PidFileStatus.settled(pidFile).inUse();
        if (inUse.isPresent()) {
            throw inUse.get();
        }
    }

    /**
     * A stream is a regular file or the null device: a FIFO would block the shell that opens it
     * (and the original process that reads the stderr log), a terminal would tie the daemon to
     * it, and the pid file would be overwritten by the log and removed with it.
     */
    private static void checkStream(String what, Path file, Path pidFile) {
        if (file == null) {
            return;
        }
        if (file.equals(pidFile) || Files.exists(file) && Files.exists(pidFile) && isSameFile(file, pidFile)) {
            throw new DaemonizeException(what + " " + file + " is the pid file: give the log its own path");
        }
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file) && !isNullDevice(file)) {
            throw new DaemonizeException(what + " " + file + " is not a regular file (a FIFO, socket or device):"
                    + " the daemon's streams are regular files or " + nullDevice() + "; give a file path");
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String nullDevice() {
        return OperatingSystem.current().nullDevice();
    }

    private static boolean isNullDevice(Path file) {
        return isSameFile(file, Path.of(nullDevice()));
    }

    /** The relaunched JVM starts where this one runs, and a JVM cannot start in a deleted directory. */
    private static void checkOwnDirectory() {
        String own = System.getProperty("user.dir");
        if (!Files.isDirectory(Path.of(own))) {
            throw new DaemonizeException("this process's working directory " + own + " no longer exists (deleted"
                    + " or moved since it started), and the relaunched JVM would start there: change to an existing"
                    + " directory before starting it");
        }
    }

    /** What a JVM still opens by path after chroot must be in the jail, at the same path. */
    private static void checkJail(Path jail) {
        if (!Files.isDirectory(jail)) {
            throw new DaemonizeException("chroot directory " + jail + " does not exist: create it first");
        }
        java.util.List<String> needed = new java.util.ArrayList<>();
        try {
            needed.add(Path.of(System.getProperty("java.home")).toRealPath().toString());
        } catch (java.io.IOException e) {
            needed.add(System.getProperty("java.home"));
        }
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            for (String entry : System.getProperty(property, "").split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    needed.add(Path.of(entry).toAbsolutePath().normalize().toString());
                }
            }
        }
        needed.add("/dev/null");
        for (String path : needed) {
            if (!Files.exists(jail.resolve(path.substring(1)))) {
                throw new DaemonizeException("chroot directory " + jail + " lacks " + path + ": a JVM goes on opening"
                        + " its own files after chroot, so the directory must hold java.home, the class path and"
                        + " /dev/null at the same paths");
            }
        }
    }

    private static void checkDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DaemonizeException("the daemon's working directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist")
                    + ": create it, or choose another chdir");
        }
        if (!Files.isExecutable(directory)) {
            throw new DaemonizeException("the daemon's working directory " + directory
                    + " cannot be entered by this user");
        }
    }

    private static void checkWritable(String what, Path file) {
        if (file == null) {
            return;
        }
        if (Files.exists(file)) {
            if (Files.isDirectory(file)) {
                throw new DaemonizeException(what + " " + file + " is a directory: give a file path");
            }
            if (!Files.isWritable(file)) {
                throw new DaemonizeException(what + " " + file + " cannot be written"
                        + (PidFiles.isReadOnly(file) ? ": its file system is read-only" : " by this user"));
            }
            return;
        }
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new DaemonizeException("the directory of " + what + " " + file + " does not exist: create "
                    + directory + " first");
        }
        if (!Files.isWritable(directory)) {
            throw new DaemonizeException(what + " " + file + " cannot be created: directory " + directory
                    + (PidFiles.isReadOnly(directory) ? " is on a read-only file system" : " is not writable by this user"));
        }
    }
}
