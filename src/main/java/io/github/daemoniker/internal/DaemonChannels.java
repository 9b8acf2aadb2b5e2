package io.github.daemoniker.internal;

import java.io.InputStream;
import java.io.OutputStream;

/** The daemon's ends of the channels to its original process. */
public record DaemonChannels(InputStream handOff, OutputStream readiness) {
}
