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
        checkDirectory(plan.chdir());
        if (plan.stdin() != null && !Files.isReadable(plan.stdin())) {
            throw new DaemonizeException("the daemon's stdin " + plan.stdin()
                    + (Files.exists(plan.stdin()) ? " cannot be read by this user" : " does not exist"));
        }
        checkWritable("the daemon's stdout log", plan.stdout());
        checkWritable("the daemon's stderr log", plan.stderr());
        if (plan.user() != null || plan.group() != null) {
            Platform.current().checkRunAs(plan.user(), plan.group());
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
