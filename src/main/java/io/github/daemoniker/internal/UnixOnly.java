package io.github.daemoniker.internal;

import java.nio.file.Path;
import java.util.List;

/** What only Unix has: users and groups, chroot, starting any program. */
public interface UnixOnly {

    /**
     * Fails, in one sentence, if this process could not become {@code user} / {@code group}
     * (names or ids; either may be {@code null}): unknown, or not root.
     */
    void checkRunAs(String user, String group);

    /** Becomes {@code user} (with its supplementary groups) and {@code group}, for good. */
    void runAs(String user, String group);

    /** Changes this process's root directory to {@code directory}, and its working directory to it. */
    void chroot(Path directory);

    /**
     * Starts any program as a daemon, inheriting {@code lockedPidFile} and with it the lock;
     * returns the pid once the program runs (the caller writes it into the pid file).
     */
    long startProgram(List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile);

    /**
     * How the process {@code pid} was started ({@code /proc/<pid>/exe}, {@code cmdline},
     * {@code environ}), for it to be started again.
     *
     * @throws io.github.daemoniker.DaemonikerException in one sentence where it cannot be read or
     *         passed on exactly (not Linux, another user's, bytes this JVM's encoding would change)
     */
    ProcessLaunch launchOf(long pid);

    /**
     * Binds and listens on {@code address} ({@code DaemonOptions.listen}) and makes the socket this
     * process's standard input, for a daemon that stays in the foreground.
     */
    void listenOnStandardInput(String address);
}
