package dev.runbot.provisioner.outbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Catches what {@link OutboxWorker} logs while a test runs. */
final class WorkerLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(OutboxWorker.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    WorkerLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> warnings() {
        return appender.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    void clear() {
        appender.list.clear();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
