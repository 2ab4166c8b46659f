package dev.runbot.provisioner;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.provisioner.environment.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Names the piece of work a thread is doing on every log line it writes (the MDC fields
 * {@value #ENVIRONMENT}, {@value #REPOSITORY}, {@value #PULL_REQUEST}, {@value #DELIVERY}), and
 * puts back what was there before when closed, so nothing leaks to the next piece of work on a
 * pooled thread and a nested context (one environment within a delivery) ends cleanly:
 * {@code try (LogContext context = LogContext.delivery(id).with(pullRequest)) { ... }}.
 */
public final class LogContext implements AutoCloseable {

    public static final String ENVIRONMENT = "environment";
    public static final String REPOSITORY = "repository";
    public static final String PULL_REQUEST = "pull_request";
    public static final String DELIVERY = "delivery";

    /** Longer values are cut: a delivery id comes from outside. */
    private static final int VALUE_LIMIT = 128;

    /** What each key held before this context set it, in the order set; {@code null} for nothing. */
    private final Map<String, String> before = new LinkedHashMap<>();
    private boolean closed;

    private LogContext() {
    }

    /** Sets nothing, for work that concerns no pull request; fields added {@link #with} later end with it. */
    public static LogContext none() {
        return new LogContext();
    }

    /** The GitHub delivery, Slack trigger or outbox message this thread now works for; nothing for a blank id. */
    public static LogContext delivery(String id) {
        return new LogContext().put(DELIVERY, id);
    }

    /** A pull request's repository ({@code owner/name}) and number. */
    public static LogContext pullRequest(String repository, int number) {
        return new LogContext().with(repository, number);
    }

    public static LogContext pullRequest(PullRequestRef pullRequest) {
        return new LogContext().with(pullRequest);
    }

    /** An environment: its name, repository and pull request. */
    public static LogContext environment(Environment environment) {
        return new LogContext().with(environment);
    }

    /** Adds a pull request's repository and number to this context; they end with it. */
    public LogContext with(String repository, int number) {
        return put(REPOSITORY, repository).put(PULL_REQUEST, number > 0 ? String.valueOf(number) : null);
    }

    public LogContext with(PullRequestRef pullRequest) {
        return with(pullRequest.repository().toString(), pullRequest.number());
    }

    /** Adds an environment's name, repository and pull request to this context; they end with it. */
    public LogContext with(Environment environment) {
        return with(environment.repository(), environment.pullRequest()).put(ENVIRONMENT, environment.name());
    }

    private LogContext put(String key, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        if (!before.containsKey(key)) {
            before.put(key, MDC.get(key));
        }
        MDC.put(key, value.length() > VALUE_LIMIT ? value.substring(0, VALUE_LIMIT) : value);
        return this;
    }

    /** Puts back what the keys held before, last set first. Closing twice does nothing more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Map.Entry<String, String>> entries = new ArrayList<>(before.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Map.Entry<String, String> entry = entries.get(i);
            if (entry.getValue() == null) {
                MDC.remove(entry.getKey());
            } else {
                MDC.put(entry.getKey(), entry.getValue());
            }
        }
    }
}
