/**
 * The whole public API: {@link io.github.daemoniker.Daemonizer} to become a daemon,
 * {@link io.github.daemoniker.Daemoniker} to operate one from outside,
 * {@link io.github.daemoniker.DaemonOptions} to shape it, and
 * {@link io.github.daemoniker.SignalHandler} to take its signals.
 */
package io.github.daemoniker;
