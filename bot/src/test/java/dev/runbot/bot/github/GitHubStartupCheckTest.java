package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.bot.TestDirectories;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** runbot never talks to GitHub without a way to verify GitHub's webhooks. */
class GitHubStartupCheckTest {

    private static final String DATA_DIR = TestDirectories.temporary("runbot-github-startup").toString();

    @Test
    void gitHubWithoutAWebhookSecretDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("runbot.data-dir", DATA_DIR, "runbot.github.token", "ghp_x"), "test").close())
                .hasStackTraceContaining("runbot.github.webhook-secret (RUNBOT_GITHUB_WEBHOOK_SECRET) is not set");
    }

    @Test
    void anAppWithoutItsPrivateKeyDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("runbot.data-dir", DATA_DIR, "runbot.github.app-id", "12345",
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET), "test").close())
                .hasStackTraceContaining("runbot.github.private-key is not");
    }

    @Test
    void withoutGitHubThereIsNoWebhookEndpoint() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("runbot.data-dir", DATA_DIR, "micronaut.server.port", "-1",
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET), "test")) {
            var response = java.net.http.HttpClient.newHttpClient().send(GitHubWebhooks.delivery(
                    server.getURI().resolve("/webhooks/github"), "ping", "d-1", "{}".getBytes()),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }
}
