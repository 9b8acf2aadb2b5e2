package io.github.daemoniker.internal;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Every thread's stack and locks, deadlocks named first, as {@code jstack} prints them; taken in
 * the process itself, when nobody is there to run {@code jstack}. {@code java.management} is
 * loaded only here, when a dump is wanted; a runtime image without it gets the stacks alone.
 */
final class ThreadDump {
    private ThreadDump() {
    }

    static String take() {
        try {
            return withLocks();
        } catch (LinkageError e) {
            StringBuilder dump = new StringBuilder("Full thread dump (stacks only: this runtime has no module"
                    + " java.management, which finds deadlocks and locks):\n");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append('"').append(thread.getName()).append('"').append(thread.isDaemon() ? " daemon" : "")
                        .append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("\tat ").append(frame).append('\n');
                }
                dump.append('\n');
            });
            return dump.toString();
        }
    }

    private static String withLocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder dump = new StringBuilder();
        long[] deadlocked = threads.isSynchronizerUsageSupported() ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        if (deadlocked != null) {
            dump.append("Found one Java-level deadlock:\n=============================\n");
            for (ThreadInfo thread : threads.getThreadInfo(deadlocked, true, true)) {
                if (thread != null) {
                    dump.append('"').append(thread.getThreadName()).append("\":\n  waiting to lock ")
                            .append(thread.getLockName()).append(",\n  which is held by \"")
                            .append(thread.getLockOwnerName()).append("\"\n");
                }
            }
            dump.append('\n');
        }
        dump.append("Full thread dump:\n");
        for (ThreadInfo thread : threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported())) {
            append(dump, thread);
        }
        return dump.toString();
    }

    private static void append(StringBuilder dump, ThreadInfo thread) {
        dump.append('"').append(thread.getThreadName()).append('"').append(thread.isDaemon() ? " daemon" : "")
                .append(" #").append(thread.getThreadId()).append(' ').append(thread.getThreadState());
        if (thread.getLockName() != null) {
            dump.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        dump.append('\n');
        StackTraceElement[] stack = thread.getStackTrace();
        for (int depth = 0; depth < stack.length; depth++) {
            dump.append("\tat ").append(stack[depth]).append('\n');
            if (depth == 0 && thread.getLockInfo() != null) {
                dump.append("\t- ").append(thread.getThreadState() == Thread.State.BLOCKED ? "waiting to lock "
                        : "waiting on ").append(thread.getLockInfo()).append('\n');
            }
            for (MonitorInfo monitor : thread.getLockedMonitors()) {
                if (monitor.getLockedStackDepth() == depth) {
                    dump.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = thread.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            dump.append("\n\tLocked ownable synchronizers:\n");
            for (LockInfo synchronizer : synchronizers) {
                dump.append("\t- ").append(synchronizer).append('\n');
            }
        }
        dump.append('\n');
    }
}
