package io.github.daemoniker.internal;

import io.github.daemoniker.DaemonikerException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a relaunched daemon's command line needs to be its user's own command again, for
 * {@code daemoniker restart}: which of its arguments the library added (its own options and
 * {@code DaemonOptions.jvmOptions}), whether the program's arguments were stripped, and the
 * directory the original process ran in (the daemon changes its own). Carried in the daemon's
 * environment, where the daemon never reads it, as {@code 1:FLAGS:COUNT:INDEXES:DIRECTORY}; a
 * program the daemon starts inherits it, so the count of the relaunched arguments tells the
 * daemon's command line from another.
 *
 * @param count how many arguments the relaunched command has
 * @param added the indexes, in the relaunched arguments, of those the library added, ascending
 * @param stripped whether the program's own arguments were left out ({@code stripCmdArgs})
 * @param directory the original process's working directory
 */
public record RelaunchOrigin(int count, List<Integer> added, boolean stripped, String directory) {

    /** The environment variable that carries it. */
    public static final String VARIABLE = "DAEMONIKER_ORIGIN";

    private static final String VERSION = "1";

    public RelaunchOrigin {
        added = List.copyOf(added);
    }

    /**
     * The origin of {@code relaunched}, which is {@code original} with arguments inserted: the
     * earliest match of the original's arguments, in order, leaves exactly the inserted ones over,
     * and removing those gives the original back whichever of two equal words counts as inserted.
     */
    static RelaunchOrigin of(LaunchCommand original, LaunchCommand relaunched, boolean stripped, String directory) {
        List<String> before = original.arguments();
        List<String> after = relaunched.arguments();
        List<Integer> added = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < after.size(); i++) {
            if (matched < before.size() && after.get(i).equals(before.get(matched))) {
                matched++;
            } else {
                added.add(i);
            }
        }
        return new RelaunchOrigin(after.size(), added, stripped, directory);
    }

    /** The variable's value. */
    public String value() {
        StringBuilder value = new StringBuilder(VERSION).append(':').append(stripped ? 's' : '-').append(':')
                .append(count).append(':');
        for (int i = 0; i < added.size(); i++) {
            value.append(i == 0 ? "" : ",").append(added.get(i));
        }
        return value.append(':').append(directory).toString();
    }

    /**
     * The origin in {@code value}, as a daemon's environment held it.
     *
     * @throws DaemonikerException for a value this library did not write
     */
    public static RelaunchOrigin parse(String value) {
        String[] parts = value.split(":", 5);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[1].matches("[s-]") || !parts[2].matches("[0-9]{1,9}")
                || !parts[3].matches("([0-9]{1,9}(,[0-9]{1,9})*)?") || !parts[4].startsWith("/")
                && !parts[4].matches("[A-Za-z]:\\\\.*")) {
            throw new DaemonikerException("the environment variable " + VARIABLE + " is set to '" + value
                    + "', which Daemoniker did not write");
        }
        List<Integer> added = new ArrayList<>();
        for (String index : parts[3].isEmpty() ? new String[0] : parts[3].split(",")) {
            added.add(Integer.parseInt(index));
        }
        return new RelaunchOrigin(Integer.parseInt(parts[2]), added, parts[1].equals("s"), parts[4]);
    }

    /**
     * {@code arguments} (the relaunched ones) without those the library added; empty where they
     * are not the arguments this origin was written for.
     */
    public java.util.Optional<List<String>> userArguments(List<String> arguments) {
        if (arguments.size() != count || !added.isEmpty() && added.get(added.size() - 1) >= count) {
            return java.util.Optional.empty();
        }
        List<String> own = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            if (!added.contains(i)) {
                own.add(arguments.get(i));
            }
        }
        return java.util.Optional.of(own);
    }
}
