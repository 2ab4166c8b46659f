package dev.runbot.bot.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static dev.runbot.bot.EndToEnd.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.Fixtures;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.github.GitHubApi;
import dev.runbot.bot.github.GitHubWebhooks;
import dev.runbot.bot.slack.SlackApi;
import dev.runbot.bot.slack.SlackDeliveries;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Prometheus finds after runbot did real work: a signed webhook and a signed slash command,
 * GitHub and Slack (WireMock) answering 200, then a spent quota and a 429, an environment
 * provisioned on fabric8's API server and destroyed. Each metric the Grafana dashboard reads is
 * looked for with its tags and a count above zero.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsMetricsTest implements TestPropertyProvider {

    static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String CHANNEL = SlackApi.CHANNEL;

    final Path dataDir = TestDirectories.temporary("runbot-metrics-test");
    MockCluster cluster;
    GitHubApi github;
    SlackApi slack;

    /** Closed before the cluster, so the Lease is released while the cluster still answers. */
    @Inject Leadership leadership;
    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        github = new GitHubApi();
        slack = new SlackApi();
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "runbot.github.api-url", github.url(),
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET,
                "runbot.slack.bot-token", SlackApi.TOKEN,
                "runbot.slack.signing-secret", SlackDeliveries.SIGNING_SECRET,
                "runbot.slack.api-url", slack.apiUrl(),
                "runbot.slack.default-channel", CHANNEL,
                "runbot.slack.channel-repositories.C0PREVIEW", "acme/shop"));
    }

    @AfterAll
    void stop() {
        github.close();
        slack.close();
        leadership.close();
        cluster.close();
    }

    @Test
    void theScrapeShowsDurationsAcknowledgementsRetriesAndTheCallsToGitHubAndSlackWithTheirLimits() {
        github.standard();
        slack.standard();
        WireMock gitHub = remote(github.url());
        WireMock slackApi = remote(slack.apiUrl());
        // GitHub's answers about the repository say how much of the hour's quota is left.
        StubMapping quota = gitHub.register(WireMock.get(urlPathEqualTo("/repos/acme/shop")).atPriority(1).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-RateLimit-Remaining", "4999")
                        .withBody(Fixtures.text(GitHubApi.class, "GitHubFlowTest", "repository.json"))));
        // Slack's first chat.postMessage is over the method's limit; the outbox tries it again a second later.
        slackApi.register(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("limit")
                .whenScenarioStateIs(STARTED).willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error\": \"ratelimited\"}")));
        // The answer to the slash command comes too late: Slack refuses it for good.
        slackApi.register(post(urlPathEqualTo("/response/expired")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("expired_url")));
        KubernetesClient kube = cluster.client();

        // A comment on a pull request deploys it, and it becomes ready.
        github.pullRequest(42, SHA, false);
        HttpResponse<String> webhook = send(GitHubWebhooks.delivery(endpoint("/webhooks/github"), "issue_comment",
                "delivery-metrics-42", GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(42, "/preview up", "octocat"))));
        assertThat(webhook.statusCode()).isEqualTo(202);
        awaitNamespace(kube, "shop-pr-42");
        markAvailable(kube, "shop-pr-42");
        await("the environment to be ready", () -> count(scrape(), "runbot_provision_seconds_count",
                "outcome=\"ready\"") >= 1);
        assertThat(scrape()).contains("runbot_github_rate_limit_remaining 4999.0");

        // The slash command destroys it; the namespace is gone at once on this API server.
        HttpResponse<String> command = send(SlackDeliveries.signed(endpoint("/slack/events"), SlackDeliveries
                .slashCommand("down acme/shop#42", "U0OCTOCAT", "octocat", CHANNEL, "trigger-metrics-down",
                        slack.responseUrl("expired"))));
        assertThat(command.statusCode()).isEqualTo(200);
        await("the environment to be destroyed", () -> count(scrape(), "runbot_destroy_seconds_count", "") >= 1);
        await("the late answer to be given up", () -> count(scrape(), "runbot_outbox_failed_total",
                "kind=\"answer\"") >= 1);
        await("the rate-limited message to be sent again", () -> count(scrape(), "runbot_slack_calls_total",
                "method=\"chat.postMessage\",outcome=\"ok\"") >= 1);

        // The hour's quota is spent when another pull request is asked for.
        gitHub.removeStubMapping(quota);
        gitHub.register(WireMock.get(urlPathEqualTo("/repos/acme/shop/pulls/43")).atPriority(1).inScenario("quota")
                .whenScenarioStateIs(STARTED).willSetStateTo("spent")
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 1))
                        .withBody(Fixtures.text(GitHubApi.class, "client/GitHubFailuresTest", "rate-limited.json"))));
        send(GitHubWebhooks.delivery(endpoint("/webhooks/github"), "issue_comment", "delivery-metrics-43",
                GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(43, "/preview up", "octocat"))));
        await("the spent quota to be counted", () -> count(scrape(), "runbot_github_calls_total",
                "status=\"403\"") >= 1);
        await("the command to be retried", () -> count(scrape(), "runbot_outbox_retries_total",
                "kind=\"comment\"") >= 1);

        String scrape = scrape();
        assertThat(scrape).contains("runbot_github_rate_limit_remaining 0.0");
        assertThat(count(scrape, "runbot_provision_seconds_bucket", "outcome=\"ready\",le=\"+Inf\"")).isOne();
        assertThat(scrape).contains("runbot_provision_seconds_count{outcome=\"failed\"} 0");
        assertThat(count(scrape, "runbot_destroy_seconds_bucket", "le=\"+Inf\"")).isOne();
        assertThat(count(scrape, "runbot_ack_seconds_count", "source=\"github\"")).isEqualTo(2);
        assertThat(count(scrape, "runbot_ack_seconds_count", "source=\"slack\"")).isEqualTo(1);
        assertThat(count(scrape, "runbot_ack_seconds_bucket", "source=\"slack\",le=\"+Inf\"")).isEqualTo(1);
        assertThat(count(scrape, "runbot_github_calls_total", "status=\"200\"")).isPositive();
        assertThat(count(scrape, "runbot_github_calls_total", "status=\"201\"")).as("comments, deployments")
                .isPositive();
        assertThat(count(scrape, "runbot_slack_calls_total", "method=\"chat.postMessage\",outcome=\"rate_limited\""))
                .isOne();
        assertThat(count(scrape, "runbot_slack_rate_limited_total", "method=\"chat.postMessage\"")).isOne();
        assertThat(count(scrape, "runbot_slack_calls_total", "method=\"response_url\",outcome=\"expired_url\""))
                .isOne();
        assertThat(count(scrape, "runbot_outbox_retries_total", "kind=\"environment\"")).as("the 429").isPositive();
        assertThat(scrape).as("no repository or pull request in any tag").doesNotContainPattern(
                "runbot_[a-z_]+\\{[^}]*(acme|shop|repository|pull_request)");
    }

    private URI endpoint(String path) {
        return server.getURI().resolve(path);
    }

    private String scrape() {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(endpoint("/prometheus")).GET().build());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    /**
     * The value of the series {@code name{tags}} in {@code scrape}, 0 when it is not there; tags as
     * Prometheus writes them, in name order, and empty for a series without tags.
     */
    private static double count(String scrape, String name, String tags) {
        String series = Pattern.quote(tags.isEmpty() ? name : name + "{" + tags + "}");
        Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static WireMock remote(String url) {
        URI uri = URI.create(url);
        return new WireMock(uri.getHost(), uri.getPort());
    }
}
