package io.github.daemoniker.internal;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The daemon's ends of the channels to its original process, and the pid file it locked for the
 * daemon where the platform hands the lock over ({@code null} where the daemon locks it itself).
 */
public record DaemonChannels(InputStream handOff, OutputStream readiness, OpenPidFile pidFile) {
}
