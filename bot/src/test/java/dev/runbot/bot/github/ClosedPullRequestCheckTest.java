package dev.runbot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static dev.runbot.bot.EndToEnd.send;
import static dev.runbot.bot.github.GitHubApi.REPO;
import static dev.runbot.bot.github.GitHubWebhooks.bytes;
import static dev.runbot.bot.github.GitHubWebhooks.commentOnShop;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.github.work.ClosedPullRequestCheck;
import dev.runbot.bot.github.work.ClosedPullRequestCheck.Summary;
import dev.runbot.bot.slack.SlackApi;
import dev.runbot.bot.slack.SlackDeliveries;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.Requester;
import dev.runbot.provisioner.outbox.Outbox;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The periodic check for pull requests that closed without runbot hearing the webhook: environments
 * made by signed {@code /preview up} comments in the running application, GitHub and Slack played by
 * WireMock, the cluster by fabric8's API server; each test runs check passes itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosedPullRequestCheckTest implements TestPropertyProvider {

    static final String SPEC = "ClosedPullRequestCheckTest";
    static final String SHA = GitHubFlowTest.SHA;
    static final String ETAG = "W/\"9d2b4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f3a5b7c\"";

    final Path dataDir = TestDirectories.temporary("runbot-pr-check-test");
    MockCluster cluster;
    GitHubApi github;
    SlackApi slack;

    @Inject EmbeddedServer server;
    @Inject Outbox outbox;
    @Inject ClosedPullRequestCheck check;
    @Inject SwitchableLeadership leadership;
    @Inject EnvironmentService environments;
    @Inject JsonMapper json;

    KubernetesClient kube;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        github = new GitHubApi();
        slack = new SlackApi();
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "spec.name", SPEC,
                "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "runbot.github.api-url", github.url(),
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET,
                "runbot.github.config-fresh-for", "0s",
                "runbot.slack.bot-token", SlackApi.TOKEN,
                "runbot.slack.signing-secret", SlackDeliveries.SIGNING_SECRET,
                "runbot.slack.api-url", slack.apiUrl(),
                "runbot.slack.default-channel", SlackApi.CHANNEL));
    }

    @BeforeEach
    void reset() {
        leadership.leading = true;
        await("the outbox to drain", () -> outbox.pending() == 0);
        github.standard();
        slack.standard();
        kube = cluster.client();
    }

    /** Each test starts with no live environment, so a pass's counts are the test's own. */
    @AfterEach
    void destroyWhatIsLeft() {
        leadership.leading = true;
        environments.list(Optional.empty()).stream().filter(environment -> environment.desiredState() == DesiredState.UP)
                .forEach(environment -> environments.down(environment.pullRequestRef(), Requester.RUNBOT));
        await("every environment to be destroyed", () -> environments.list(Optional.empty()).isEmpty());
    }

    @AfterAll
    void stop() {
        github.close();
        slack.close();
        cluster.close();
    }

    @Test
    void aPullRequestClosedWithoutAWebhookIsFoundAndItsEnvironmentDestroyedAsTheWebhookWould() {
        up(61);
        github.pullRequestState(61, SHA, false, false, ETAG);

        Summary summary = check.pass();

        assertThat(summary).isEqualTo(new Summary(1, 0, 0, 1, 0, 0, 0));
        await("the namespace to go", () -> kube.namespaces().withName("shop-pr-61").get() == null);
        await("the deployment to be inactive", () -> !github.requests(postRequestedFor(urlPathMatching(REPO
                + "/deployments/\\d+/statuses")).withRequestBody(matchingJsonPath("$.state", equalTo("inactive"))))
                .isEmpty());
        await("the comment to say destroyed", () -> github.lastCommentBody(61).contains("is destroyed"));
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/61/comments")));
        assertThat(lastHistoryEntry("shop-pr-61", "destroying")).containsEntry("actor", "runbot")
                .containsEntry("detail", "acme/shop#61 was closed (found by the periodic check)");
        await("the Slack thread to say why", () -> slack.threadReplies().stream().anyMatch(reply ->
                reply.contains("Being destroyed") && reply.contains("acme/shop#61 was closed (found by the periodic"
                        + " check)")));

        assertThat(check.pass()).as("a destroyed environment is not checked again").isEqualTo(new Summary(0, 0, 0, 0, 0,
                0, 0));
    }

    @Test
    void anUnchangedPullRequestIsOneConditionalRequestAnswered304AndNothingElse() {
        up(62);
        github.pullRequestState(62, SHA, true, false, ETAG);
        Set<UUID> before = served();

        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 1, 0, 0, 0, 0));
        List<ServeEvent> first = servedSince(before);
        assertThat(urls(first)).containsExactly(REPO + "/pulls/62");
        assertThat(first.get(0).getRequest().containsHeader("If-None-Match")).isFalse();
        assertThat(first.get(0).getResponse().getStatus()).isEqualTo(200);

        before = served();
        assertThat(check.pass()).isEqualTo(new Summary(1, 1, 0, 0, 0, 0, 0));
        pumpTicks();

        github.server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/pulls/62")).withHeader("If-None-Match",
                equalTo(ETAG)));
        List<ServeEvent> second = servedSince(before);
        assertThat(urls(second)).as("every GitHub call of the second pass and of what followed it")
                .containsExactly(REPO + "/pulls/62");
        assertThat(second.get(0).getResponse().getStatus()).isEqualTo(304);
        assertThat(environments.live(pr(62)).map(Environment::state)).contains(EnvironmentState.READY);
    }

    @Test
    void duringAnOutageNothingIsDestroyedTheOthersAreStillCheckedAndTheNextPassFinishesOnce() {
        up(63);
        up(64);
        github.pullRequestState(63, SHA, false, false, "\"63-closed\"");
        StubMapping outage = github.pullRequestAnswers(63, GitHubApi.json(500, "{\"message\": \"Server Error\"}"));
        github.pullRequestState(64, SHA, false, true, "\"64-merged\"");
        int commentWrites = github.commentWrites(63);

        assertThat(check.pass()).isEqualTo(new Summary(2, 0, 0, 1, 0, 1, 0));
        await("the namespace of #64 to go", () -> kube.namespaces().withName("shop-pr-64").get() == null);
        pumpTicks();
        assertThat(environments.live(pr(63)).map(Environment::state)).contains(EnvironmentState.READY);
        assertThat(kube.namespaces().withName("shop-pr-63").get()).isNotNull();
        assertThat(github.commentWrites(63)).as("nothing said on #63 while GitHub was down").isEqualTo(commentWrites);
        assertThat(lastHistoryEntry("shop-pr-64", "destroying"))
                .containsEntry("detail", "acme/shop#64 was merged (found by the periodic check)");

        github.server.removeStub(outage);
        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 1, 0, 0, 0));
        await("the namespace of #63 to go", () -> kube.namespaces().withName("shop-pr-63").get() == null);
        await("the comment to say destroyed", () -> github.lastCommentBody(63).contains("is destroyed"));
        assertThat(check.pass()).isEqualTo(new Summary(0, 0, 0, 0, 0, 0, 0));
        pumpTicks();

        assertThat(history("shop-pr-63")).extracting(entry -> entry.get("action")).containsOnlyOnce("destroying");
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/63/comments")));
        assertThat(github.requests(postRequestedFor(urlPathMatching(REPO + "/deployments/\\d+/statuses"))
                .withRequestBody(matchingJsonPath("$.state", equalTo("inactive"))))).hasSize(2);
    }

    @Test
    void aRateLimitEndsThePassAndTheRestIsCheckedNextTime() {
        up(65);
        up(66);
        long reset = System.currentTimeMillis() / 1000 + 600;
        StubMapping limited = github.pullRequestAnswers(65, GitHubApi.json(403, "{\"message\": \"API rate limit"
                + " exceeded for user ID 10001.\"}").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset)));
        github.pullRequestState(66, SHA, false, false, "\"66-closed\"");
        Set<UUID> before = served();

        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 0, 0, 1, 1));
        assertThat(urls(servedSince(before))).containsExactly(REPO + "/pulls/65");
        assertThat(environments.live(pr(66)).map(Environment::desiredState)).contains(DesiredState.UP);

        github.server.removeStub(limited);
        github.pullRequestState(65, SHA, true, false, "\"65-open\"");
        assertThat(check.pass()).isEqualTo(new Summary(2, 0, 1, 1, 0, 0, 0));
        await("the namespace of #66 to go", () -> kube.namespaces().withName("shop-pr-66").get() == null);
        assertThat(kube.namespaces().withName("shop-pr-65").get()).isNotNull();
    }

    @Test
    void afterFiveFailuresInARowTheRestWaitsForTheNextPass() {
        for (int number = 71; number <= 76; number++) {
            up(number);
        }
        StubMapping down = github.server.stubFor(WireMock.get(urlPathMatching(REPO
                + "/pulls/\\d+")).atPriority(1).willReturn(GitHubApi.json(502, "{\"message\": \"Server Error\"}")));
        Set<UUID> before = served();

        assertThat(check.pass()).isEqualTo(new Summary(5, 0, 0, 0, 0, 5, 1));
        assertThat(urls(servedSince(before))).containsExactly(REPO + "/pulls/71", REPO + "/pulls/72",
                REPO + "/pulls/73", REPO + "/pulls/74", REPO + "/pulls/75");

        github.server.removeStub(down);
        assertThat(check.pass()).isEqualTo(new Summary(6, 0, 6, 0, 0, 0, 0));
    }

    @Test
    void aPullRequestGitHubDoesNotShowIsNeverDestroyed() {
        up(67);
        github.pullRequestAnswers(67, GitHubApi.json(404, GitHubApi.fixture("not-found.json")));

        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 0, 1, 0, 0));
        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 0, 1, 0, 0));
        pumpTicks();

        assertThat(environments.live(pr(67)).map(Environment::state)).contains(EnvironmentState.READY);
        assertThat(kube.namespaces().withName("shop-pr-67").get()).isNotNull();
        assertThat(history("shop-pr-67")).extracting(entry -> entry.get("action")).doesNotContain("destroying");
    }

    @Test
    void aReplicaThatDoesNotLeadAsksGitHubNothing() {
        up(68);
        github.pullRequestState(68, SHA, false, false, ETAG);
        Set<UUID> before = served();
        leadership.leading = false;

        assertThat(check.pass()).isEqualTo(new Summary(0, 0, 0, 0, 0, 0, 0));
        pumpTicks();

        assertThat(servedSince(before)).isEmpty();
        assertThat(environments.live(pr(68)).map(Environment::desiredState)).contains(DesiredState.UP);
        leadership.leading = true;
        assertThat(check.pass()).as("the same pass when leading").isEqualTo(new Summary(1, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void anEnvironmentMadeAgainForAClosedPullRequestIsFoundClosedByA304() throws IOException {
        up(69);
        github.pullRequestState(69, SHA, false, false, ETAG);
        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 1, 0, 0, 0));
        await("the first environment to be destroyed", () -> environments.live(pr(69)).isEmpty());

        // The REST API does not ask GitHub whether the pull request is open.
        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        assertThat(api.command("/preview up", "acme/shop", 69).status()).isEqualTo(200);
        assertThat(check.pass()).isEqualTo(new Summary(1, 0, 0, 1, 0, 0, 0));

        github.server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/pulls/69")).withHeader("If-None-Match",
                equalTo(ETAG)));
        await("the second environment to be destroyed", () -> environments.live(pr(69)).isEmpty());
    }

    /** A {@code /preview up} comment, until the environment is ready and the pull request says so. */
    private void up(int number) {
        github.pullRequest(number, SHA, false);
        send(GitHubWebhooks.delivery(server.getURI().resolve("/webhooks/github"), "issue_comment",
                "delivery-check-" + number + "-" + System.nanoTime(), bytes(commentOnShop(number, "/preview up",
                        "octocat"))));
        awaitNamespace(kube, "shop-pr-" + number);
        markAvailable(kube, "shop-pr-" + number);
        await("acme/shop#" + number + " to be ready", () -> github.lastCommentBody(number).contains("is ready"));
        await("the outbox to drain", () -> outbox.pending() == 0);
    }

    private static PullRequestRef pr(int number) {
        return new PullRequestRef(new RepositoryName("acme", "shop"), number);
    }

    /** A few outbox ticks: anything a pass queued would have reached GitHub by now. */
    private void pumpTicks() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await("the outbox to drain", () -> outbox.pending() == 0);
    }

    /** What GitHub has been asked so far, to tell later requests from these. */
    private Set<UUID> served() {
        return github.server.getAllServeEvents().stream().map(ServeEvent::getId).collect(Collectors.toSet());
    }

    /** What GitHub was asked, and answered, since {@code before}; oldest first. */
    private List<ServeEvent> servedSince(Set<UUID> before) {
        return github.server.getAllServeEvents().stream().filter(event -> !before.contains(event.getId()))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
    }

    private static List<String> urls(List<ServeEvent> events) {
        return events.stream().map(event -> event.getRequest().getUrl()).toList();
    }




    /** The environment's history as {@code GET /api/v1/environments/{name}} shows it. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(String name) {
        try {
            ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
            return (List<Map<String, Object>>) api.get("/api/v1/environments/" + name).get("history");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> lastHistoryEntry(String name, String action) {
        List<Map<String, Object>> matching = history(name).stream().filter(entry -> action.equals(entry.get("action")))
                .toList();
        assertThat(matching).as(action + " in the history of " + name).isNotEmpty();
        return matching.get(matching.size() - 1);
    }


    /** Leadership a test can take away, to see what a replica that does not lead does. */
    @Singleton
    @Replaces(Leadership.class)
    @Requires(property = "spec.name", value = SPEC)
    static class SwitchableLeadership implements Leadership {

        volatile boolean leading = true;

        @Override
        public boolean leading() {
            return leading;
        }
    }
}
