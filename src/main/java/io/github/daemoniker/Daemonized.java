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
    /** The class of each argument as given, so that {@link #arg} checks the same in both processes. */
    private final Class<?>[] types;

    private Daemonized(boolean parent, long pid, Object[] args, Class<?>[] types) {
        this.parent = parent;
        this.pid = pid;
        this.args = args;
        this.types = types;
    }

    /** In the original process: the values stay behind, their classes are kept. */
    static Daemonized parent(long pid, Object[] given) {
        return new Daemonized(true, pid, new Object[given.length], classesOf(given));
    }

    /** In the daemon, or in the foreground: the values themselves. */
    static Daemonized daemon(long pid, Object[] received) {
        return new Daemonized(false, pid, received, classesOf(received));
    }

    private static Class<?>[] classesOf(Object[] values) {
        Class<?>[] classes = new Class<?>[values.length];
        for (int i = 0; i < values.length; i++) {
            classes[i] = values[i] == null ? null : values[i].getClass();
        }
        return classes;
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

    /**
     * Argument {@code index}, cast to {@code type}; {@code null} in the original process. A wrong
     * index or type fails the same way in both processes.
     *
     * @throws IndexOutOfBoundsException for an index no argument has
     * @throws ClassCastException for an argument that is not a {@code type}
     */
    public <T> T arg(int index, Class<T> type) {
        if (index < 0 || index >= args.length) {
            throw new IndexOutOfBoundsException("argument " + index + " does not exist: "
                    + args.length + " argument(s) were handed to the daemon");
        }
        Class<?> given = types[index];
        if (given != null && !wrapped(type).isAssignableFrom(given)) {
            throw new ClassCastException("argument " + index + " is a " + given.getName() + ", not a " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T value = (T) args[index];
        return value;
    }

    /** {@code arg(0, int.class)} asks for an Integer. */
    private static Class<?> wrapped(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    @Override
    public String toString() {
        return "Daemonized[" + (parent ? "parent" : "daemon") + ", pid=" + pid + ", args="
                + Arrays.toString(args) + "]";
    }
}
