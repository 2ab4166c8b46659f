package dev.runbot.bot.slack.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.regex.Pattern;

/**
 * Counts runbot's calls to Slack by Web API method and how each went,
 * {@code runbot_slack_calls_total{method, outcome}} with {@code ok}, Slack's error code,
 * {@code rate_limited} or {@code error} (no answer, or an HTTP error without a code), and Slack's
 * 429 answers on their own as {@code runbot_slack_rate_limited_total{method}}.
 */
final class SlackCalls {

    /** What answers through an interaction's response_url are counted under. */
    static final String RESPONSE_URL = "response_url";

    private static final int TOO_MANY_REQUESTS = 429;
    /** Slack's error codes look like this; anything else is counted as {@code error}, so tags stay few. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z0-9_]{0,60}");

    private final MeterRegistry meters;

    SlackCalls(MeterRegistry meters) {
        this.meters = meters;
    }

    void ok(String method) {
        count(method, "ok");
    }

    /** Slack answered, and did not do it: {@code ok: false} or an HTTP error. */
    void refused(String method, SlackAnswer answer) {
        if (answer.status() == TOO_MANY_REQUESTS) {
            Counter.builder("runbot.slack.rate.limited")
                    .description("Slack's 429 answers: runbot went over a method's rate limit")
                    .tag("method", method)
                    .register(meters)
                    .increment();
            count(method, "rate_limited");
            return;
        }
        count(method, answer.error().filter(code -> ERROR_CODE.matcher(code).matches())
                .map(code -> code.equals("ratelimited") ? "rate_limited" : code)
                .orElse("error"));
    }

    /** No answer, or none runbot could read. */
    void failed(String method) {
        count(method, "error");
    }

    private void count(String method, String outcome) {
        Counter.builder("runbot.slack.calls")
                .description("Calls to Slack's Web API and response URLs, by method and outcome")
                .tag("method", method)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
