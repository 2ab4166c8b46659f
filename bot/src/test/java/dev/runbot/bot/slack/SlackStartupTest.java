package dev.runbot.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.bot.slack.events.SlackSocketMode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbot never takes Slack's requests unverified, and the configuration chooses HTTP or Socket Mode. */
class SlackStartupTest {

    @TempDir Path dataDir;

    @Test
    void slackWithoutASigningSecretDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("runbot.data-dir", dataDir.toString(),
                "runbot.slack.bot-token", SlackApi.TOKEN), "test").close())
                .hasStackTraceContaining("runbot.slack.signing-secret (RUNBOT_SLACK_SIGNING_SECRET) is not set");
    }

    @Test
    void withAnAppTokenRunbotUsesSocketModeHasNoPublicEndpointAndStartsEvenWhenSlackIsUnreachable()
            throws Exception {
        try (SlackApi slack = new SlackApi()) {
            slack.standard();
            slack.method("apps.connections.open", aResponse().withStatus(503));
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "runbot.data-dir", dataDir.toString(),
                    "runbot.slack.bot-token", SlackApi.TOKEN,
                    "runbot.slack.signing-secret", SlackDeliveries.SIGNING_SECRET,
                    "runbot.slack.app-token", "xapp-1-A0RUNBOT1-1234567890-abcdef",
                    "runbot.slack.api-url", slack.apiUrl()), "test")) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(SlackDeliveries.signed(
                        server.getURI().resolve("/slack/events"), "payload=%7B%7D"), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as("no public endpoint in Socket Mode").isEqualTo(404);
                SlackSocketMode socketMode = server.getApplicationContext().getBean(SlackSocketMode.class);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (slack.server.findAll(postRequestedFor(urlPathEqualTo("/api/apps.connections.open"))).isEmpty()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(25);
                }
                assertThat(slack.server.findAll(postRequestedFor(urlPathEqualTo("/api/apps.connections.open"))))
                        .as("runbot asked Slack for a WebSocket with the app token").isNotEmpty();
                assertThat(socketMode.connected()).isFalse();
            }
        }
    }
}
