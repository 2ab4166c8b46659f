package dev.runbot.bot.bench;

import dev.runbot.bot.slack.SlackApi;
import dev.runbot.bot.slack.SlackDeliveries;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slash commands under load on loopback: signed {@code /preview status} commands at a fixed rate,
 * open loop, each acknowledged with runbot's ephemeral "working on it" while the queued work runs
 * on the same cores. Slack's Web API and response_urls are WireMock in this process.
 */
final class SlackBenchmark {

    private SlackBenchmark() {
    }

    static Samples run() throws Exception {
        Path dir = Files.createTempDirectory("runbot-bench-slack");
        try (SlackApi slack = new SlackApi();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "runbot.data-dir", dir.toString(), "micronaut.server.port", "-1",
                     "runbot.reconcile.interval", "1h",
                     "runbot.slack.bot-token", SlackApi.TOKEN,
                     "runbot.slack.signing-secret", SlackDeliveries.SIGNING_SECRET,
                     "runbot.slack.api-url", slack.apiUrl(),
                     "runbot.slack.default-channel", SlackApi.CHANNEL))) {
            slack.standard();
            URI events = server.getURI().resolve("/slack/events");
            int perSecond = 100;
            Duration warmUp = Duration.ofSeconds(5);
            Duration measured = Duration.ofSeconds(30);
            int total = (int) ((warmUp.toSeconds() + measured.toSeconds()) * perSecond);
            List<HttpRequest> commands = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                String trigger = "bench-trigger-" + i;
                commands.add(SlackDeliveries.signed(events, SlackDeliveries.slashCommand("status acme/shop#" + (1 + i % 100),
                        "U0OCTOCAT", "octocat", SlackApi.CHANNEL, trigger, slack.responseUrl(trigger))));
            }
            return OpenLoad.run("slash-command ack, " + perSecond + "/s for " + measured.toSeconds() + "s, open loop",
                    commands, perSecond, (int) (warmUp.toSeconds() * perSecond), 200).target("p99 ≤ 50 ms");
        }
    }
}
