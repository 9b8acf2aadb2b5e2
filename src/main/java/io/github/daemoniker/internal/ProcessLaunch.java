package io.github.daemoniker.internal;

import java.util.List;

/**
 * How a running process was started, as another process can start it again: the binary, its
 * arguments and its environment ({@code NAME=value} entries), as Java strings that the JDK passes
 * on as exactly the bytes the process was given.
 */
public record ProcessLaunch(String executable, List<String> arguments, List<String> environment) {

    public ProcessLaunch {
        arguments = List.copyOf(arguments);
        environment = List.copyOf(environment);
    }
}
