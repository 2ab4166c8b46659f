package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.runbot.bot.github.client.FakeGitHub.fixture;
import static dev.runbot.bot.github.client.FakeGitHub.json;
import static dev.runbot.bot.github.client.FakeGitHub.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.bot.github.DeploymentStatus;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.bot.github.PullRequestCheck;
import dev.runbot.bot.github.PullRequestInfo;
import dev.runbot.bot.github.Reaction;
import dev.runbot.bot.github.RepositoryFile;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each PullRequestHost call against GitHub's documented answers, with token auth. */
class KohsukeGitHubTest {

    static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    static final PullRequestRef PR = new PullRequestRef(SHOP, 42);
    static final String MARKER = "<!-- runbot:status -->";
    static final String ETAG_HEX = "7b5a1d2f0c9e4a8b6d3c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-14T16:00:00Z"));
    FakeGitHub github;
    KohsukeGitHub host;

    @BeforeEach
    void start() {
        github = new FakeGitHub();
        github.repository();
        host = new KohsukeGitHub(github.tokenSettings(), clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @ParameterizedTest
    @CsvSource({"admin, ADMIN", "write, WRITE", "read, READ", "none, NONE"})
    void permissionIsGitHubsWord(String word, GitHubRole role) {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/collaborators/octocat/permission"))
                .willReturn(json(200, fixture(getClass(), "collaborator-permission.json").replace("{{permission}}", word))));

        assertThat(host.permission(SHOP, "octocat")).isEqualTo(role);
        github.server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/collaborators/octocat/permission"))
                .withHeader("Authorization", equalTo("token " + FakeGitHub.TOKEN)));
    }

    @Test
    void aStrangerHasNoPermission() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/collaborators/mallory/permission")).willReturn(notFound()));

        assertThat(host.permission(SHOP, "mallory")).isEqualTo(GitHubRole.NONE);
    }

    @Test
    void anUnknownRepositoryIsAnErrorNotAStranger() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/gone")).willReturn(notFound()));

        assertThatThrownBy(() -> host.permission(new RepositoryName("acme", "gone"), "octocat"))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void somethingThatIsNoLoginIsNotAskedAbout() {
        assertThat(host.permission(SHOP, "../../admin")).isEqualTo(GitHubRole.NONE);
        github.server.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/shop")));
    }

    @Test
    void theRepositoryIsFetchedOnceInFiveMinutes() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/collaborators/octocat/permission"))
                .willReturn(json(200, fixture(getClass(), "collaborator-permission.json").replace("{{permission}}", "write"))));

        host.permission(SHOP, "octocat");
        clock.advance(Duration.ofMinutes(4));
        host.permission(SHOP, "octocat");
        github.server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop")));

        clock.advance(Duration.ofMinutes(2));
        host.permission(SHOP, "octocat");
        github.server.verify(2, getRequestedFor(urlEqualTo("/repos/acme/shop")));
    }

    @Test
    void aPullRequestFromTheSameRepositoryIsNoFork() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(json(200, fixture(getClass(), "pull-request.json"))));

        PullRequestInfo info = host.pullRequest(PR);

        assertThat(info).isEqualTo(new PullRequestInfo(PR, "Amazing new feature", "octocat",
                "6dcb09b5b57875f334f61aebed695e2e4193db5e", "new-topic", "acme/shop", false, true, List.of("bug", "preview")));
    }

    @Test
    void aPullRequestFromAnotherRepositoryIsAFork() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42"))
                .willReturn(json(200, fixture(getClass(), "pull-request-from-fork.json"))));

        PullRequestInfo info = host.pullRequest(PR);

        assertThat(info.fork()).isTrue();
        assertThat(info.headRepository()).isEqualTo("octocat/shop");
        assertThat(info.open()).isFalse();
        assertThat(info.labels()).isEmpty();
    }

    @Test
    void aPullRequestWhoseForkIsDeletedCountsAsAFork() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42"))
                .willReturn(json(200, fixture(getClass(), "pull-request-from-deleted-fork.json"))));

        PullRequestInfo info = host.pullRequest(PR);

        assertThat(info.fork()).isTrue();
        assertThat(info.headRepository()).isEmpty();
        assertThat(info.open()).isTrue();
    }

    @Test
    void aFirstCheckAsksWithoutAnEtagAndKeepsGitHubsExactly() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(json(200,
                fixture(getClass(), "pull-request.json")).withHeader("ETag", "W/\"" + ETAG_HEX + "\"")));

        PullRequestCheck check = host.pullRequestIfChanged(PR, Optional.empty());

        assertThat(check).isEqualTo(new PullRequestCheck.Changed(true, false, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                Optional.of("W/\"" + ETAG_HEX + "\"")));
        github.server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/42"))
                .withHeader("Authorization", equalTo("token " + FakeGitHub.TOKEN))
                .withoutHeader("If-None-Match"));
        github.server.verify(0, getRequestedFor(urlEqualTo("/repos/acme/shop")));
    }

    @Test
    void anUnchangedPullRequestIsA304ForTheEtagSent() {
        String etag = "W/\"" + ETAG_HEX + "\"";
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));

        assertThat(host.pullRequestIfChanged(PR, Optional.of(etag))).isEqualTo(new PullRequestCheck.Unchanged());
        github.server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/42"))
                .withHeader("If-None-Match", equalTo(etag)));
    }

    @Test
    void aMergedPullRequestIsClosedAndMerged() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(json(200,
                fixture(getClass(), "pull-request-merged.json")).withHeader("ETag", "\"new-etag\"")));

        PullRequestCheck check = host.pullRequestIfChanged(PR, Optional.of("\"old-etag\""));

        assertThat(check).isEqualTo(new PullRequestCheck.Changed(false, true, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                Optional.of("\"new-etag\"")));
    }

    @Test
    void aPullRequestGitHubDoesNotShowIsGoneNotAnError() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(notFound()));

        assertThat(host.pullRequestIfChanged(PR, Optional.of("\"old-etag\""))).isEqualTo(new PullRequestCheck.Gone());
    }

    @Test
    void anAnswerWithoutAStateIsNoAnswer() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(json(200,
                fixture(getClass(), "pull-request.json").replace("\"state\": \"open\"", "\"state\": \"locked\""))));

        assertThatThrownBy(() -> host.pullRequestIfChanged(PR, Optional.empty()))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("checking pull request \"acme/shop#42\": GitHub's answer has"
                            + " the state \"locked\", neither \"open\" nor \"closed\"");
                });
    }

    @Test
    void aFileIsDecodedAsUtf8WithItsBlobSha() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/contents/.preview.yaml?ref=6dcb09b"))
                .willReturn(json(200, fixture(getClass(), "preview-yaml.json"))));

        Optional<RepositoryFile> file = host.file(SHOP, ".preview.yaml", Optional.of("6dcb09b"));

        assertThat(file).contains(new RepositoryFile(".preview.yaml", "3d21ec53a331a6f037a91c368710b99387d012c1",
                fixture(getClass(), "preview-yaml.txt")));
        assertThat(file.orElseThrow().text()).contains("grüß Gott");
    }

    @Test
    void withoutARefTheFileIsReadOnTheDefaultBranch() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/contents/.preview.yaml"))
                .willReturn(json(200, fixture(getClass(), "preview-yaml.json"))));

        assertThat(host.file(SHOP, ".preview.yaml", Optional.empty())).isPresent();
    }

    @Test
    void aMissingFileIsEmpty() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/contents/.preview.yaml")).willReturn(notFound()));

        assertThat(host.file(SHOP, ".preview.yaml", Optional.empty())).isEmpty();
    }

    @Test
    void aFileOverOneMebibyteIsRefused() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/contents/assets/video.mp4"))
                .willReturn(json(200, fixture(getClass(), "large-file.json"))));

        assertThatThrownBy(() -> host.file(SHOP, "assets/video.mp4", Optional.empty()))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("reading \"assets/video.mp4\" on the default branch in acme/shop: "
                            + "the file has 2097152 bytes; runbot reads files of at most 1 MiB");
                });
    }

    @Test
    void findCommentPagesToRunbotsOldestMarkedCommentAndIgnoresOthersWithTheMarker() {
        stubUser();
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/issues/42/comments?per_page=100"))
                .willReturn(json(200, fixture(getClass(), "comments-page-1.json")).withHeader("Link",
                        "<" + github.url() + "/repositories/1296269/issues/42/comments?per_page=100&page=2>; rel=\"next\", "
                                + "<" + github.url() + "/repositories/1296269/issues/42/comments?per_page=100&page=2>; rel=\"last\"")));
        github.server.stubFor(get(urlEqualTo("/repositories/1296269/issues/42/comments?per_page=100&page=2"))
                .willReturn(json(200, fixture(getClass(), "comments-page-2.json"))));

        assertThat(host.findComment(PR, MARKER)).contains(2500000103L);
        github.server.verify(1, getRequestedFor(urlEqualTo("/repositories/1296269/issues/42/comments?per_page=100&page=2")));
    }

    @Test
    void findCommentIsEmptyWhenRunbotNeverCommentedAndAsksWhoItIsOnce() {
        stubUser();
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/issues/42/comments?per_page=100"))
                .willReturn(json(200, fixture(getClass(), "comments-none-marked.json"))));

        assertThat(host.findComment(PR, MARKER)).isEmpty();
        assertThat(host.findComment(PR, MARKER)).isEmpty();
        github.server.verify(1, getRequestedFor(urlEqualTo("/user")));
    }

    @Test
    void aNextPageOutsideTheApiIsNotFollowed() {
        stubUser();
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/issues/42/comments?per_page=100"))
                .willReturn(json(200, fixture(getClass(), "comments-none-marked.json"))
                        .withHeader("Link", "<https://evil.example.test/steal?page=2>; rel=\"next\"")));

        assertThatThrownBy(() -> host.findComment(PR, MARKER)).isInstanceOf(GitHubException.class)
                .hasMessageContaining("outside its API");
    }

    @Test
    void createCommentPostsTheBodyAndReturnsTheLongId() {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/issues/42/comments"))
                .willReturn(json(201, fixture(getClass(), "issue-comment.json"))));

        assertThat(host.createComment(PR, MARKER + "\nstarting")).isEqualTo(2500000105L);
        github.server.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments"))
                .withHeader("Authorization", equalTo("token " + FakeGitHub.TOKEN))
                .withRequestBody(matchingJsonPath("$.body", equalTo(MARKER + "\nstarting"))));
    }

    @Test
    void editCommentPatchesTheComment() {
        github.server.stubFor(patch(urlEqualTo("/repos/acme/shop/issues/comments/2500000105"))
                .willReturn(json(200, fixture(getClass(), "issue-comment.json"))));

        assertThat(host.editComment(SHOP, 2500000105L, "ready")).isTrue();
        github.server.verify(1, patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/2500000105"))
                .withRequestBody(equalToJson("{\"body\":\"ready\"}")));
    }

    @Test
    void editingADeletedCommentIsFalse() {
        github.server.stubFor(patch(urlEqualTo("/repos/acme/shop/issues/comments/2500000105")).willReturn(notFound()));

        assertThat(host.editComment(SHOP, 2500000105L, "ready")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"201", "200"})
    void reactingTwiceIsFine(int status) {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/issues/comments/2500000101/reactions"))
                .willReturn(json(status, fixture(getClass(), "reaction.json"))));

        host.react(SHOP, 2500000101L, Reaction.ROCKET);

        github.server.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/2500000101/reactions"))
                .withRequestBody(equalToJson("{\"content\":\"rocket\"}")));
    }

    @Test
    void aDeploymentIsTransientNeverProductionAndWaitsForNoChecks() {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/deployments"))
                .willReturn(json(201, fixture(getClass(), "deployment.json"))));

        long id = host.createDeployment(SHOP, "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "preview/pr-42", "Preview of #42");

        assertThat(id).isEqualTo(3000000001L).isGreaterThan(Integer.MAX_VALUE);
        github.server.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/deployments"))
                .withRequestBody(matchingJsonPath("$.ref", equalTo("a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d")))
                .withRequestBody(matchingJsonPath("$.environment", equalTo("preview/pr-42")))
                .withRequestBody(matchingJsonPath("$.description", equalTo("Preview of #42")))
                .withRequestBody(matchingJsonPath("$.transient_environment", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.production_environment", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.auto_merge", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.required_contexts", equalToJson("[]"))));
    }

    @Test
    void aSuccessStatusGoesToTheLongDeploymentIdWithUrlsAndRetiresOlderOnes() {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/deployments/3000000001/statuses"))
                .willReturn(json(201, fixture(getClass(), "deployment-status.json"))));

        host.deploymentStatus(SHOP, 3000000001L, new DeploymentStatus(DeploymentStatus.State.SUCCESS,
                Optional.of("https://pr-42.preview.test"), Optional.of("https://grafana.example.test/logs"), "Preview is up"));

        github.server.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/deployments/3000000001/statuses"))
                .withRequestBody(equalToJson("""
                        {"state": "success", "environment_url": "https://pr-42.preview.test",
                         "log_url": "https://grafana.example.test/logs", "description": "Preview is up",
                         "auto_inactive": true}""")));
        github.server.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/shop/deployments/3000000001")));
    }

    @Test
    void anInProgressStatusHasNoUrlsAndRetiresNothing() {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/deployments/3000000001/statuses"))
                .willReturn(json(201, fixture(getClass(), "deployment-status.json"))));

        host.deploymentStatus(SHOP, 3000000001L, new DeploymentStatus(DeploymentStatus.State.IN_PROGRESS,
                Optional.empty(), Optional.empty(), "Deploying"));

        github.server.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/deployments/3000000001/statuses"))
                .withRequestBody(equalToJson("{\"state\": \"in_progress\", \"description\": \"Deploying\"}")));
    }

    private void stubUser() {
        github.server.stubFor(get(urlEqualTo("/user")).willReturn(json(200, fixture(getClass(), "user.json"))));
    }
}
