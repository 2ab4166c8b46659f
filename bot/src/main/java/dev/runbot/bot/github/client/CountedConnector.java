package dev.runbot.bot.github.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Counts every request runbot sends GitHub, kohsuke's and its own alike, by the status of the
 * answer ({@code runbot_github_calls_total{status="200"|"403"|...|"error"}}, {@code error} for no
 * answer at all), and keeps the last {@code X-RateLimit-Remaining} GitHub sent as
 * {@code runbot_github_rate_limit_remaining}, so an operator sees the hourly quota run low
 * before calls start failing.
 */
final class CountedConnector implements GitHubConnector {

    /** What the gauge shows before GitHub has said anything. */
    private static final long UNKNOWN = -1;

    private final GitHubConnector connector;
    private final MeterRegistry meters;
    /** Held here: a gauge only keeps a weak reference to what it reads. */
    private final AtomicLong remaining = new AtomicLong(UNKNOWN);

    CountedConnector(GitHubConnector connector, MeterRegistry meters) {
        this.connector = connector;
        this.meters = meters;
        Gauge.builder("runbot.github.rate.limit.remaining", remaining,
                        value -> value.get() == UNKNOWN ? Double.NaN : value.get())
                .description("The X-RateLimit-Remaining of GitHub's last answer: requests left in this hour's quota")
                .register(meters);
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        GitHubConnectorResponse response;
        try {
            response = connector.send(request);
        } catch (IOException | RuntimeException e) {
            count("error");
            throw e;
        }
        count(String.valueOf(response.statusCode()));
        String left = response.header("X-RateLimit-Remaining");
        if (left != null) {
            try {
                remaining.set(Math.max(0, Long.parseLong(left.strip())));
            } catch (NumberFormatException notANumber) {
                // GitHub always sends a number; a proxy's oddity leaves the last one standing
            }
        }
        return response;
    }

    private void count(String status) {
        Counter.builder("runbot.github.calls")
                .description("Requests sent to GitHub, by the HTTP status of the answer (error: none came)")
                .tag("status", status)
                .register(meters)
                .increment();
    }
}
