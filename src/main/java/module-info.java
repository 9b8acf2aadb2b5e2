/**
 * Daemoniker for Java: turns a Java program into a well-behaved background process on Unix and
 * Windows. Only {@code io.github.daemoniker} is API; everything else is internal.
 */
module io.github.daemoniker {
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires com.esotericsoftware.kryo;
    requires org.objenesis;
    requires jdk.unsupported;
    // JNA logs through java.util.logging, and its automatic module cannot say so
    requires java.logging;
    // thread dumps that name deadlocks, where the runtime has it (a watchdog's dump says so where not)
    requires static java.management;
    requires static info.picocli;

    exports io.github.daemoniker;

    // JNA binds native methods and fills structures by reflection
    opens io.github.daemoniker.unix to com.sun.jna;
    opens io.github.daemoniker.windows to com.sun.jna;
    // the command-line tool's commands are read by picocli
    opens io.github.daemoniker.cli to info.picocli;
}
