package dev.wormhole.testing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The log records of one category (and those below it) while attached, for tests that run the gateway in process:
 * each record is kept whole, its MDC copied at once (it is read from the logging thread otherwise).
 */
public final class LogCapture extends Handler {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** Starts capturing {@code category} ({@code ""} for every category). */
    public static LogCapture attach(String category) {
        LogCapture capture = new LogCapture(Logger.getLogger(category));
        capture.logger.addHandler(capture);
        return capture;
    }

    /** Stops capturing. */
    public void detach() {
        logger.removeHandler(this);
    }

    /** The records so far. */
    public List<ExtLogRecord> records() {
        return records;
    }

    /** The records so far as text: the message and its parameters. */
    public List<String> lines() {
        return records.stream().map(r -> r.getMessage() + " " + Arrays.toString(r.getParameters())).toList();
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord kept = (ExtLogRecord) record;
        kept.copyAll();
        records.add(kept);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
