package io.github.daemoniker.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@code DaemonOptions.listen}'s address as the plan carries it: an IP address and a port,
 * {@code 127.0.0.1:80} or {@code [::1]:80}, never a name to resolve.
 */
public final class ListenAddress {

    private ListenAddress() {
    }

    /** The text of {@code address}, which has an IP address. */
    public static String format(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    /** The address {@link #format} wrote. */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        return new InetSocketAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                Integer.parseInt(text.substring(colon + 1)));
    }
}
