package dev.runbot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.image;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static dev.runbot.bot.EndToEnd.send;
import static dev.runbot.bot.github.GitHubApi.REPO;
import static dev.runbot.bot.github.GitHubWebhooks.bytes;
import static dev.runbot.bot.github.GitHubWebhooks.commentOnShop;
import static dev.runbot.bot.github.GitHubWebhooks.payload;
import static dev.runbot.bot.github.GitHubWebhooks.pullRequestOnShop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.provisioner.lifecycle.Deadlines;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.outbox.Outbox;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole GitHub path: signed webhooks into the running application, GitHub's API played by
 * WireMock, environments applied to fabric8's Kubernetes API server. Each test has its own pull
 * request of acme/shop, so they share one application.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubFlowTest implements TestPropertyProvider {

    static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String NEXT_SHA = "c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe";

    final Path dataDir = TestDirectories.temporary("runbot-github-test");
    MockCluster cluster;
    GitHubApi github;

    /** Closed before the cluster, so the Lease is released while the cluster still answers, as on a real shutdown. */
    @Inject Leadership leadership;
    @Inject EmbeddedServer server;
    @Inject Outbox outbox;
    @Inject Deadlines deadlines;
    @Inject ApplicationEventPublisher<EnvironmentEvent> events;

    KubernetesClient kube;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        github = new GitHubApi();
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "runbot.github.token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "runbot.github.api-url", github.url(),
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET,
                "runbot.github.config-fresh-for", "0s"));
    }

    @BeforeEach
    void reset() {
        // What an earlier test queued is sent before this one starts, so no test sees another's calls.
        await("the outbox to drain", () -> outbox.pending() == 0);
        github.standard();
        kube = cluster.client();
    }

    @AfterAll
    void stop() {
        github.close();
        leadership.close();
        cluster.close();
    }

    @Test
    void aCommentUpDeploysAndThePullRequestShowsOneCommentReactionsAndADeployment() {
        github.pullRequest(42, SHA, false);

        HttpResponse<String> answer = deliver("issue_comment", "delivery-42", commentOnShop(42, "/preview up", "octocat"));

        assertThat(answer.statusCode()).isEqualTo(202);
        awaitNamespace(kube, "shop-pr-42");
        markAvailable(kube, "shop-pr-42");
        await("the deployment to succeed", () -> github.requests(postRequestedFor(urlPathEqualTo(REPO + "/deployments/"
                + GitHubApi.DEPLOYMENT_ID + "/statuses")).withRequestBody(matchingJsonPath("$.state", equalTo("success"))))
                .size() == 1);
        await("the comment to say ready", () -> github.lastCommentBody(42).contains("is ready"));

        github.server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/collaborators/octocat/permission")));
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/42/comments")));
        github.server.verify(patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/" + GitHubApi.COMMENT_ID)));
        reactions(List.of("eyes", "rocket"));
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/deployments"))
                .withRequestBody(matchingJsonPath("$.ref", equalTo(SHA)))
                .withRequestBody(matchingJsonPath("$.environment", equalTo("preview/pr-42")))
                .withRequestBody(matchingJsonPath("$.transient_environment", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.required_contexts.length()", equalTo("0"))));
        List<String> states = github.requests(postRequestedFor(urlPathMatching(REPO + "/deployments/\\d+/statuses"))).stream()
                .map(request -> GitHubApi.field(request, "state")).toList();
        assertThat(states).containsExactly("in_progress", "success");
        LoggedRequest success = github.requests(postRequestedFor(urlPathMatching(REPO + "/deployments/\\d+/statuses"))).get(1);
        assertThat(GitHubApi.field(success, "environment_url")).isEqualTo("https://shop-pr-42.preview.test");
        assertThat(GitHubApi.field(success, "log_url")).startsWith("https://grafana.example.com/");

        String body = github.lastCommentBody(42);
        assertThat(body).startsWith(StatusComment.MARKER).contains("https://shop-pr-42.preview.test")
                .contains("https://grafana.example.com/d/runbot-env?var-namespace=shop-pr-42")
                .contains("@octocat ran `/preview up`").contains(SHA.substring(0, 7));
        assertThat(body).doesNotContain("ghp_16C7e42F292c6912E7710c838347Ae178B4a");
    }

    @Test
    void theDatabasePasswordIsInNothingSentToGitHub() {
        github.previewYaml("image: ghcr.io/acme/shop\ndatabases: [postgres]\n");
        github.pullRequest(57, SHA, false);

        deliver("issue_comment", "delivery-57", commentOnShop(57, "/preview up", "octocat"));
        String password = EndToEnd.databasePassword(kube, "shop-pr-57", "postgres");
        markAvailable(kube, "shop-pr-57");
        await("the comment to say ready", () -> github.lastCommentBody(57).contains("is ready"));

        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(github.server.getAllServeEvents()).extracting(event -> event.getRequest().getBodyAsString())
                .noneMatch(body -> body.contains(password));
    }

    @Test
    void anEnvironmentAboutToExpireSaysSoInTheStatusComment() {
        github.pullRequest(58, SHA, false);
        deliver("issue_comment", "delivery-58", commentOnShop(58, "/preview up --ttl 30m", "octocat"));
        awaitNamespace(kube, "shop-pr-58");
        await("the answer", () -> github.lastCommentBody(58).contains("@octocat ran `/preview up --ttl 30m`"));

        deadlines.apply().forEach(events::publishEvent);

        await("the warning", () -> github.lastCommentBody(58).contains("**Last event:** expiry warning"));
        assertThat(github.lastCommentBody(58)).contains("acme/shop#58 expires at").contains("/preview extend 24h");
    }

    @Test
    void aRedeliveryIsAnsweredOkAndDoesNothing() throws InterruptedException {
        github.pullRequest(50, SHA, false);
        ObjectNode status = commentOnShop(50, "/preview status", "octocat");

        assertThat(deliver("issue_comment", "delivery-50", status).statusCode()).isEqualTo(202);
        await("the answer", () -> !github.requests(postRequestedFor(urlPathEqualTo(REPO + "/issues/50/comments"))).isEmpty());
        HttpResponse<String> again = deliver("issue_comment", "delivery-50", status);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("received before");
        Thread.sleep(500); // a few pump ticks: work queued by the redelivery would have run by now
        github.server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/collaborators/octocat/permission")));
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/50/comments")));
    }

    @Test
    void aPushRedeploysInPlaceAtTheNewHead() {
        github.pullRequest(43, SHA, false);
        deliver("issue_comment", "delivery-43", commentOnShop(43, "/preview up --ttl 12h", "octocat"));
        awaitNamespace(kube, "shop-pr-43");

        HttpResponse<String> push = deliver("pull_request", "delivery-43-push", pullRequestOnShop("synchronize", 43,
                NEXT_SHA, false));

        assertThat(push.statusCode()).isEqualTo(202);
        await("the app at the new head", () -> image(kube, "shop-pr-43").equals("ghcr.io/acme/shop:pr-43-c0ffee0"));
        await("a deployment at the new head", () -> github.requests(postRequestedFor(urlPathEqualTo(REPO + "/deployments"))
                .withRequestBody(matchingJsonPath("$.ref", equalTo(NEXT_SHA)))).size() == 1);
        assertThat(kube.namespaces().list().getItems()).filteredOn(ns -> ns.getMetadata().getName().startsWith("shop-pr-43"))
                .hasSize(1);
    }

    @Test
    void closingThePullRequestDestroysTheEnvironmentAndMarksTheDeploymentInactive() {
        github.pullRequest(44, SHA, false);
        deliver("issue_comment", "delivery-44", commentOnShop(44, "/preview up", "octocat"));
        awaitNamespace(kube, "shop-pr-44");

        assertThat(deliver("pull_request", "delivery-44-closed", pullRequestOnShop("closed", 44, SHA, false))
                .statusCode()).isEqualTo(202);

        await("the namespace to go", () -> kube.namespaces().withName("shop-pr-44").get() == null);
        await("the deployment to be inactive", () -> !github.requests(postRequestedFor(urlPathMatching(REPO
                + "/deployments/\\d+/statuses")).withRequestBody(matchingJsonPath("$.state", equalTo("inactive"))))
                .isEmpty());
        await("the comment to say destroyed", () -> github.lastCommentBody(44).contains("is destroyed"));
    }

    @Test
    void someoneWithReadAccessCannotDeployAndIsToldWhy() {
        github.pullRequest(45, SHA, false);

        deliver("issue_comment", "delivery-45", commentOnShop(45, "/preview up", "mona"));

        // The mention is defused in what runbot writes: GitHub would otherwise notify @mona again.
        await("the refusal", () -> github.lastCommentBody(45).contains("mona needs write access to acme/shop to run"));
        reactions(List.of("eyes", "confused"));
        assertThat(kube.namespaces().withName("shop-pr-45").get()).isNull();
        github.server.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/deployments")));
    }

    @Test
    void aForkIsNeverDeployedByItselfButIsWhenSomeoneWithWriteAccessAsks() throws InterruptedException {
        github.previewYaml("image: ghcr.io/acme/shop\nautoDeploy: always\n");
        github.pullRequest(46, SHA, true);

        assertThat(deliver("pull_request", "delivery-46-opened", pullRequestOnShop("opened", 46, SHA, true))
                .statusCode()).isEqualTo(202);
        await("the note", () -> github.lastCommentBody(46).contains("Pull requests from forks are not deployed automatically."));
        assertThat(kube.namespaces().withName("shop-pr-46").get()).isNull();

        deliver("issue_comment", "delivery-46-up", commentOnShop(46, "/preview up", "octocat"));
        awaitNamespace(kube, "shop-pr-46");
    }

    @Test
    void anOpenedPullRequestIsDeployedWhenTheRepositoryAsksForAlways() {
        github.previewYaml("image: ghcr.io/acme/shop\nautoDeploy: always\n");
        github.pullRequest(51, SHA, false);

        deliver("pull_request", "delivery-51-opened", pullRequestOnShop("opened", 51, SHA, false));

        await("the app at the pull request's head", () -> image(kube, "shop-pr-51").equals("ghcr.io/acme/shop:pr-51-6dcb09b"));
    }

    @Test
    void thePreviewLabelDeploysAndRemovingItDestroys() {
        github.pullRequest(52, SHA, false);
        ObjectNode labeled = pullRequestOnShop("labeled", 52, SHA, false, "preview");

        deliver("pull_request", "delivery-52-labeled", labeled);
        awaitNamespace(kube, "shop-pr-52");

        ObjectNode unlabeled = pullRequestOnShop("unlabeled", 52, SHA, false);
        ((ObjectNode) unlabeled.get("label")).put("name", "preview");
        deliver("pull_request", "delivery-52-unlabeled", unlabeled);
        await("the namespace to go", () -> kube.namespaces().withName("shop-pr-52").get() == null);
    }

    @Test
    void aRepositoryWithoutPreviewYamlGetsAnAnswerThatSaysSo() {
        github.noPreviewYaml();
        github.pullRequest(48, SHA, false);

        deliver("issue_comment", "delivery-48", commentOnShop(48, "/preview up", "octocat"));

        await("the answer", () -> github.lastCommentBody(48).contains("acme/shop has no .preview.yaml on its default branch"));
        reactions(List.of("eyes", "confused"));
        assertThat(kube.namespaces().withName("shop-pr-48").get()).isNull();
    }

    @Test
    void anInvalidPreviewYamlIsNamedFieldByField() {
        github.previewYaml("imgae: ghcr.io/acme/shop\n");
        github.pullRequest(49, SHA, false);

        deliver("issue_comment", "delivery-49", commentOnShop(49, "/preview up", "octocat"));

        await("the answer", () -> github.lastCommentBody(49).contains("imgae"));
        assertThat(github.lastCommentBody(49)).contains("Did you mean").contains("image");
        assertThat(kube.namespaces().withName("shop-pr-49").get()).isNull();
    }

    @Test
    void whileGitHubIsDownTheEnvironmentStillDeploysAndTheCommentAppearsOnceItIsBack() {
        github.writesFail();
        github.pullRequest(47, SHA, false);

        deliver("issue_comment", "delivery-47", commentOnShop(47, "/preview up", "octocat"));
        awaitNamespace(kube, "shop-pr-47");
        markAvailable(kube, "shop-pr-47");
        await("a failed attempt at the comment", () -> !github.requests(postRequestedFor(urlPathEqualTo(REPO
                + "/issues/47/comments"))).isEmpty());
        int failedAttempts = github.requests(postRequestedFor(urlPathEqualTo(REPO + "/issues/47/comments"))).size();

        github.writesSucceed();

        await("the comment to say ready", () -> github.lastCommentBody(47).contains("is ready"));
        await("the deployment to succeed", () -> !github.requests(postRequestedFor(urlPathMatching(REPO
                + "/deployments/\\d+/statuses")).withRequestBody(matchingJsonPath("$.state", equalTo("success"))))
                .isEmpty());
        List<LoggedRequest> creates = github.requests(postRequestedFor(urlPathEqualTo(REPO + "/issues/47/comments")));
        assertThat(creates.size() - failedAttempts).as("comments created once GitHub was back").isEqualTo(1);
    }

    @Test
    void aCommandWaitsForGitHubToAnswerAndThenRunsOnce() throws InterruptedException {
        github.pullRequest(55, SHA, false);
        github.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(REPO
                + "/collaborators/octocat/permission")).willReturn(GitHubApi.json(502, "{\"message\": \"Server Error\"}")));

        deliver("issue_comment", "delivery-55", commentOnShop(55, "/preview up", "octocat"));
        await("a first try", () -> !github.requests(getRequestedFor(urlPathEqualTo(REPO + "/collaborators/octocat/permission")))
                .isEmpty());
        Thread.sleep(300);
        assertThat(kube.namespaces().withName("shop-pr-55").get()).as("not run without knowing the permission").isNull();

        github.permission("octocat", "write");

        awaitNamespace(kube, "shop-pr-55");
        await("the answer", () -> github.lastCommentBody(55).contains("@octocat ran `/preview up`"));
        github.server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/55/comments")));
        assertThat(github.requests(postRequestedFor(urlPathMatching(REPO + "/issues/comments/\\d+/reactions")))
                .stream().map(request -> GitHubApi.field(request, "content")).filter("eyes"::equals).count())
                .as("one 👀 however often the command was tried").isEqualTo(1);
    }

    @Test
    void aPullRequestOpenedWhileItsConfigurationCannotBeReadIsDeployedOnceItCan() throws InterruptedException {
        github.pullRequest(56, SHA, false);
        github.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(REPO
                + "/contents/.preview.yaml")).willReturn(GitHubApi.json(503, "{\"message\": \"Service Unavailable\"}")));

        deliver("pull_request", "delivery-56-opened", pullRequestOnShop("opened", 56, SHA, false, "preview"));
        await("a first try", () -> !github.requests(getRequestedFor(urlPathEqualTo(REPO + "/contents/.preview.yaml"))).isEmpty());
        Thread.sleep(300);
        assertThat(kube.namespaces().withName("shop-pr-56").get()).isNull();

        github.previewYaml("image: ghcr.io/acme/shop\nautoDeploy: label\n");

        awaitNamespace(kube, "shop-pr-56");
    }

    @Test
    void aRepositoryRunbotCannotReachChangesNothing() throws InterruptedException {
        ObjectNode elsewhere = commentOnShop(1, "/preview up", "octocat");
        ((ObjectNode) elsewhere.get("repository")).put("full_name", "acme/secret").put("name", "secret");

        assertThat(deliver("issue_comment", "delivery-secret", elsewhere).statusCode()).isEqualTo(202);

        await("runbot to ask GitHub", () -> !github.requests(getRequestedFor(urlPathEqualTo("/repos/acme/secret"))).isEmpty());
        Thread.sleep(300); // a few pump ticks: anything it would do next would have happened
        assertThat(kube.namespaces().withName("secret-pr-1").get()).isNull();
        github.server.verify(0, postRequestedFor(urlPathEqualTo("/repos/acme/secret/deployments")));
    }

    @Test
    void unsignedWronglySignedAndForeignAlgorithmDeliveriesAreRefusedAndChangeNothing() {
        byte[] body = bytes(commentOnShop(53, "/preview up", "octocat"));
        HttpRequest.Builder base = HttpRequest.newBuilder(webhook()).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "issue_comment").header("X-GitHub-Delivery", "delivery-53")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String otherSecret = new WebhookSignature("not-the-secret-of-this-webhook").header(body);
        String sha1 = "sha1=" + "0".repeat(40);

        assertThat(send(base.copy().build()).statusCode()).isEqualTo(401);
        assertThat(send(base.copy().header("X-Hub-Signature-256", otherSecret).build()).statusCode()).isEqualTo(401);
        assertThat(send(base.copy().header("X-Hub-Signature-256", sha1).build()).statusCode()).isEqualTo(401);
        String rightForOtherBody = new WebhookSignature(GitHubWebhooks.SECRET).header("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(send(base.copy().header("X-Hub-Signature-256", rightForOtherBody).build()).statusCode()).isEqualTo(401);

        assertThat(github.server.getAllServeEvents()).isEmpty();
        // Refused deliveries were not remembered: the genuine one is still taken.
        assertThat(deliver("issue_comment", "delivery-53", commentOnShop(53, "/preview status", "octocat")).statusCode())
                .isEqualTo(202);
        await("the answer", () -> github.lastCommentBody(53).contains("There is no preview environment for acme/shop#53"));
    }

    @Test
    void deliveriesThatAreNotForRunbotAreAnsweredWithoutCallingGitHub() throws InterruptedException {
        assertThat(deliver("ping", "delivery-ping", payload("ping")).statusCode()).isEqualTo(200);
        assertThat(deliver("issue_comment", "delivery-own", commentOnShop(54, "/preview down", "runbot")).statusCode())
                .isEqualTo(204);
        assertThat(deliver("issue_comment", "delivery-edit", payload("issue_comment.edited")).statusCode()).isEqualTo(204);
        assertThat(deliver("issue_comment", "delivery-issue", payload("issue_comment.created")).statusCode())
                .isEqualTo(204);
        assertThat(deliver("installation", "delivery-installation", payload("installation.created")).statusCode())
                .isEqualTo(204);
        HttpResponse<String> malformed = send(GitHubWebhooks.delivery(webhook(), "pull_request", "delivery-bad",
                "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.statusCode()).isEqualTo(400);

        Thread.sleep(300); // a few pump ticks
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedUnread() {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> answer = send(GitHubWebhooks.delivery(webhook(), "issue_comment", "delivery-huge", huge));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("1 MiB");
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    private HttpResponse<String> deliver(String event, String deliveryId, ObjectNode payload) {
        return send(GitHubWebhooks.delivery(webhook(), event, deliveryId, bytes(payload)));
    }

    private URI webhook() {
        return server.getURI().resolve("/webhooks/github");
    }



    private void reactions(List<String> expected) {
        await("reactions " + expected, () -> github.requests(postRequestedFor(urlPathMatching(REPO
                + "/issues/comments/\\d+/reactions"))).stream().map(request -> GitHubApi.field(request, "content"))
                .filter(expected::contains).count() >= expected.size());
    }


}
