package dev.runbot.bot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

/**
 * Times how long runbot takes to acknowledge what GitHub, Slack and API callers send, from the
 * request received to the answer handed back, as {@code runbot_ack_seconds{source}}: GitHub
 * gives a webhook 10 seconds and Slack a command 3, so this histogram is how an operator knows
 * runbot answers in time. Runs before every other filter, so refusals (401) are timed too.
 */
@ServerFilter({AcknowledgementTimer.GITHUB_PATH, AcknowledgementTimer.SLACK_PATH, AcknowledgementTimer.API_PATHS})
class AcknowledgementTimer implements Ordered {

    static final String GITHUB_PATH = "/webhooks/github";
    static final String SLACK_PATH = "/slack/events";
    static final String API_PATHS = "/api/**";

    private static final String STARTED = AcknowledgementTimer.class.getName() + ".started";

    private final Timer github;
    private final Timer slack;
    private final Timer api;

    AcknowledgementTimer(MeterRegistry meters) {
        this.github = timer(meters, "github");
        this.slack = timer(meters, "slack");
        this.api = timer(meters, "api");
    }

    private static Timer timer(MeterRegistry meters, String source) {
        return Timer.builder("runbot.ack")
                .description("From a webhook, Slack request or API call received to runbot's answer")
                .tag("source", source)
                .publishPercentileHistogram()
                .register(meters);
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STARTED, Long.class).ifPresent(started ->
                source(request.getPath()).record(Duration.ofNanos(System.nanoTime() - started)));
    }

    private Timer source(String path) {
        if (path.startsWith(GITHUB_PATH)) {
            return github;
        }
        return path.startsWith(SLACK_PATH) ? slack : api;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
