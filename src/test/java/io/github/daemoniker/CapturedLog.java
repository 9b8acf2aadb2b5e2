package io.github.daemoniker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs while a test runs, kept off the console: a test that exercises a failure
 * asserts the log line it expects instead of printing it into a passing build.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());   // the System.Logger of the class, through java.util.logging
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** Each record as "LEVEL message", with ": " and the message of what was thrown, if anything was. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()
                + (r.getThrown() == null ? "" : ": " + r.getThrown().getMessage())).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(true);
    }
}
