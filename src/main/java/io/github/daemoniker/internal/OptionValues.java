package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value for every {@link Option}, immutable: what {@code DaemonOptions} holds and
 * {@link DaemonPlan} carries. Equal, hashed and shown option by option, in their order.
 */
public final class OptionValues {
    private static final OptionValues DEFAULTS = defaultValues();

    private final Object[] values;

    private OptionValues(Object[] values) {
        this.values = values;
    }

    private static OptionValues defaultValues() {
        List<Option<?>> all = Option.all();
        Object[] values = new Object[all.size()];
        for (Option<?> option : all) {
            values[option.index()] = option.byDefault();
        }
        return new OptionValues(values);
    }

    /** Every option at its default. */
    public static OptionValues defaults() {
        return DEFAULTS;
    }

    public <T> T get(Option<T> option) {
        return option.cast(values[option.index()]);
    }

    /** These values with {@code option} set to {@code value} (made immutable, as it is kept). */
    public <T> OptionValues with(Option<T> option, T value) {
        Object[] changed = values.clone();
        changed[option.index()] = frozen(option.kind(), value);
        return new OptionValues(changed);
    }

    /** These values with every path made absolute as the kernel resolves it (null stays null). */
    OptionValues withPathsResolved() {
        Object[] changed = values.clone();
        for (Option<?> option : Option.all()) {
            if (option.kind() == Option.Kind.PATH && changed[option.index()] != null) {
                changed[option.index()] = DaemonPlan.resolveAsTheKernelDoes((Path) changed[option.index()]);
            }
        }
        return new OptionValues(changed);
    }

    /**
     * How the library reads what a {@code DaemonOptions} holds, which is not public API: given by
     * {@code DaemonOptions} as its class is initialized, so before any instance exists.
     */
    public interface Reader {
        OptionValues of(DaemonOptions options);
    }

    private static volatile Reader reader;

    /** Called once, by {@code DaemonOptions}'s initializer. */
    public static void readBy(Reader given) {
        if (reader == null) {
            reader = given;
        }
    }

    /** What {@code options} holds. */
    static OptionValues of(DaemonOptions options) {
        return reader.of(options);
    }

    /** Values read from the hand-off, one for each option in order: taken as they are, made immutable. */
    static OptionValues of(Object[] read) {
        Object[] values = new Object[read.length];
        for (Option<?> option : Option.all()) {
            values[option.index()] = frozen(option.kind(), read[option.index()]);
        }
        return new OptionValues(values);
    }

    @SuppressWarnings("unchecked")
    private static Object frozen(Option.Kind kind, Object value) {
        switch (kind) {
            case NUMBER_SET:
                return Collections.unmodifiableSet(new TreeSet<>((Set<Integer>) value));
            case TEXT_LIST:
                return List.copyOf((List<String>) value);
            case VARIABLES:
                return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, String>) value));
            default:
                return value;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionValues that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** "name=value, …" for every option, a mask in octal. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder();
        for (Option<?> option : Option.all()) {
            Object value = values[option.index()];
            shown.append(shown.length() == 0 ? "" : ", ").append(option.name()).append('=')
                    .append(option.kind() == Option.Kind.OCTAL ? "0" + Integer.toOctalString((Integer) value) : value);
        }
        return shown.toString();
    }
}
