package io.github.daemoniker;

/**
 * Whether {@code daemonize} detaches (relaunches in the background) or stays in the foreground:
 * same pid file, same signals, same readiness, no relaunch.
 */
public enum Detach {
    /**
     * Detach, unless a supervisor wants the process in the foreground: its parent is init (pid 1),
     * its stdin is a socket (inetd), or it runs under systemd ({@code INVOCATION_ID} or
     * {@code NOTIFY_SOCKET} set); or it is init itself, pid 1 of a container, where a detached
     * daemon would die with the container's first process. A closed stdin is not a socket.
     */
    AUTO,
    /** Always detach. */
    ALWAYS,
    /** Never detach: foreground mode, for debugging or for a supervisor. */
    NEVER
}
