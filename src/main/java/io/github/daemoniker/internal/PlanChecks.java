package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonizeException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks made in the original process before anything is started, so that the usual
 * mistakes (a missing directory, a path that cannot be written, a pid file in use) are told in
 * one sentence and nothing is started. The daemon checks again, and reports what changed since.
 */
final class PlanChecks {

    private PlanChecks() {
    }

    static void check(DaemonPlan plan) {
        checkPidFile(plan.pidFile());
        // with a chroot, the working directory is inside it
        checkDirectory(plan.chroot() == null ? plan.chdir() : plan.chroot().resolve("/".equals(plan.chdir().toString())
                ? "." : plan.chdir().toString().substring(1)));
        if (plan.stdin() != null && !Files.isReadable(plan.stdin())) {
            throw new DaemonizeException("the daemon's stdin " + plan.stdin()
                    + (Files.exists(plan.stdin()) ? " cannot be read by this user" : " does not exist"));
        }
        checkWritable("the daemon's stdout log", plan.stdout());
        checkWritable("the daemon's stderr log", plan.stderr());
        if (plan.user() != null || plan.group() != null) {
            Platform.current().checkRunAs(plan.user(), plan.group());
        }
        if (plan.chroot() != null) {
            checkJail(plan.chroot());
        }
    }

    private static void checkPidFile(Path pidFile) {
        if (Files.isSymbolicLink(pidFile)) {
            throw new DaemonizeException("pid file " + pidFile + " is a symbolic link, which Daemoniker"
                    + " does not follow: give the real path");
        }
        if (Files.isDirectory(pidFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new DaemonizeException("pid file " + pidFile + " is a directory: give a file path");
        }
        checkWritable("pid file", pidFile);
        Optional<DaemonizeException> inUse = PidFileStatus.of(pidFile).inUse();
        if (inUse.isPresent()) {
            throw inUse.get();
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
                throw new DaemonizeException(what + " " + file + " cannot be written by this user");
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
                    + " is not writable by this user");
        }
    }
}
