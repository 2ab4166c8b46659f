package dev.runbot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.github.GitHubApi.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nobody calls the check: {@code runbot.reconcile.pr-check-interval} is all it takes to run, and a
 * pull request that closes after answering 304 for a while is found on the next pass.
 */
class ClosedPullRequestScheduleTest {

    @Test
    void theCheckRunsByItselfEveryPrCheckInterval() throws Exception {
        Path dataDir = TestDirectories.temporary("runbot-pr-check-schedule");
        try (GitHubApi github = new GitHubApi();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "runbot.data-dir", dataDir.toString(),
                     "micronaut.server.port", "-1",
                     "runbot.kubernetes.dry-run", "true",
                     "runbot.reconcile.interval", "1h",
                     "runbot.reconcile.pr-check-interval", "300ms",
                     "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                     "runbot.github.api-url", github.url(),
                     "runbot.github.webhook-secret", GitHubWebhooks.SECRET))) {
            github.standard();
            github.pullRequestState(70, GitHubFlowTest.SHA, true, false, "\"70-open\"");
            ApiClient api = new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class),
                    Files.readString(dataDir.resolve("api-token")).strip());
            assertThat(api.command("/preview up", "acme/shop", 70).status()).isEqualTo(200);
            await("a check answered 304", () -> !github.server.findAll(getRequestedFor(urlPathEqualTo(REPO
                    + "/pulls/70")).withHeader("If-None-Match", equalTo("\"70-open\""))).isEmpty());

            github.pullRequestState(70, GitHubFlowTest.SHA, false, true, "\"70-merged\"");

            await("the environment to be destroyed", () -> "destroyed".equals(api.get("/api/v1/environments/shop-pr-70")
                    .get("state")));
            assertThat(api.get("/api/v1/environments/shop-pr-70").get("history")).asString()
                    .contains("acme/shop#70 was merged (found by the periodic check)");
        }
    }
}
