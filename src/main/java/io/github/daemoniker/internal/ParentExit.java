package io.github.daemoniker.internal;

/**
 * Ends the original process once its daemon is up. Java's {@code close()} cannot see an exception
 * leaving the try block, so {@code Daemonizer.close()} throws this instead of exiting: alone, it
 * reaches the top of the thread and the process exits with status 0; behind the user's own
 * exception (as a suppressed one), that exception is printed and the process exits with status 2.
 * Either holds wrapped too, as the cause of what a launcher that calls {@code main} by reflection
 * throws (Spring Boot's {@code JarLauncher}: an {@code InvocationTargetException}).
 * Like Daemoniker's {@code os._exit}, the exit is a halt: shutdown hooks and {@code deleteOnExit}
 * of the original process do not run, so nothing it registered can disturb the daemon.
 */
public final class ParentExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Daemoniker's status for an exception in the original process's branch. */
    static final int FAILED_STATUS = 2;

    public ParentExit() {
        // with a stack trace: the source launcher trims one from whatever main throws
        super("the original process ends here, after its daemon started (Daemonizer.close)");
    }

    /** Makes the current thread's top end the process as described above. */
    public static void armCurrentThread() {
        Thread thread = Thread.currentThread();
        Thread.UncaughtExceptionHandler next = thread.getUncaughtExceptionHandler();
        thread.setUncaughtExceptionHandler(new Thread.UncaughtExceptionHandler() {
            @Override
            public void uncaughtException(Thread t, Throwable e) {
                // a launcher that calls main by reflection (Spring Boot's JarLauncher) wraps what it
                // throws: InvocationTargetException, or its own exception, with this as the cause
                for (Throwable wrapped = e; wrapped != null; wrapped = wrapped.getCause()) {
                    if (wrapped instanceof ParentExit) {
                        exitNow(0);
                    }
                    for (Throwable suppressed : wrapped.getSuppressed()) {
                        if (suppressed instanceof ParentExit) {
                            System.err.print("Exception in thread \"" + t.getName() + "\" ");
                            System.err.print(withoutParentExit(wrapped));
                            exitNow(FAILED_STATUS);
                        }
                    }
                    if (wrapped.getCause() == wrapped) {
                        break;
                    }
                }
                next.uncaughtException(t, e);
            }
        });
    }

    /** The stack trace of the user's exception, without this one in it as "Suppressed:": the library's, not theirs. */
    private static String withoutParentExit(Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        StringBuilder shown = new StringBuilder();
        boolean skipping = false;
        for (String line : trace.toString().split("\n")) {
            skipping = line.startsWith("\tSuppressed: " + ParentExit.class.getName())
                    || skipping && line.startsWith("\t\t");
            if (!skipping) {
                shown.append(line).append('\n');
            }
        }
        return shown.toString();
    }

    /** Flushes the standard streams and halts. */
    public static void exitNow(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }
}
