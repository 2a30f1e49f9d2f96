package dev.paperdigest.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps every record logged while it is open, with the log context (MDC) of the thread that
 * logged it, as the console and JSON formatters would see it.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = ExtLogRecord.wrap(record);
        ext.copyMdc(); // the context is the logging thread's: read it now, in that thread
        records.add(ext);
    }

    /** The records whose formatted message contains {@code text}. */
    public List<ExtLogRecord> containing(String text) {
        return records.stream()
                .filter(r -> r.getFormattedMessage() != null
                        && r.getFormattedMessage().contains(text))
                .toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
