package io.github.daemoniker;

import java.util.Arrays;

/**
 * The outcome of {@link Daemonizer#daemonize}: which process this is, the daemon's pid, and the
 * arguments handed to the daemon.
 *
 * <pre>{@code
 * Daemonized d = daemonizer.daemonize(pidFile, config, port);
 * if (d.isParent()) {
 *     System.out.println("started, pid " + d.pid());
 * } else {
 *     Config config = d.arg(0, Config.class);
 * }
 * }</pre>
 */
public final class Daemonized {
    private final boolean parent;
    private final long pid;
    private final Object[] args;

    Daemonized(boolean parent, long pid, Object[] args) {
        this.parent = parent;
        this.pid = pid;
        this.args = args;
    }

    /** True in the original process, once the daemon has confirmed it is up. */
    public boolean isParent() {
        return parent;
    }

    /** The daemon's pid, in both processes. */
    public long pid() {
        return pid;
    }

    /**
     * The arguments given to {@code daemonize}, as the daemon received them. In the original
     * process every element is {@code null}, as in Daemoniker: the values now belong to the daemon.
     */
    public Object[] args() {
        return args.clone();
    }

    /** Argument {@code index}, cast to {@code type}. */
    public <T> T arg(int index, Class<T> type) {
        if (index < 0 || index >= args.length) {
            throw new IndexOutOfBoundsException("argument " + index + " does not exist: "
                    + args.length + " argument(s) were handed to the daemon");
        }
        Object value = args[index];
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("argument " + index + " is a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "Daemonized[" + (parent ? "parent" : "daemon") + ", pid=" + pid + ", args="
                + Arrays.toString(args) + "]";
    }
}
