package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.runbot.bot.github.client.FakeGitHub.fixture;
import static dev.runbot.bot.github.client.FakeGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How GitHub's refusals, limits and outages come out: retryable or final, with GitHub's wait and words. */
class GitHubFailuresTest {

    static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    static final String PERMISSION = "/repos/acme/shop/collaborators/octocat/permission";
    static final String COMMENTS = "/repos/acme/shop/issues/42/comments";
    static final String PULL = "/repos/acme/shop/pulls/42";
    static final PullRequestRef PR = new PullRequestRef(SHOP, 42);
    static final Instant NOW = Instant.parse("2024-04-14T16:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FakeGitHub github;
    KohsukeGitHub host;

    @BeforeEach
    void start() {
        github = new FakeGitHub();
        github.repository();
        host = new KohsukeGitHub(github.tokenSettings(), clock, meters);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void aBadGatewayIsRetryableAndTriedOnlyOnceInside() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody(fixture(getClass(), "bad-gateway.html")))
                .willSetStateTo("recovered"));
        github.server.stubFor(get(urlEqualTo(PERMISSION)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(json(200, fixture(getClass(), "collaborator-permission.json"))));

        GitHubException failure = failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).isEqualTo("reading the permission of \"octocat\" on acme/shop: HTTP 502");
        github.server.verify(1, getRequestedFor(urlEqualTo(PERMISSION)));

        assertThat(host.permission(SHOP, "octocat")).isEqualTo(GitHubRole.WRITE);
        github.server.verify(2, getRequestedFor(urlEqualTo(PERMISSION)));
    }

    @Test
    void aSpentQuotaWaitsUntilItsReset() {
        long reset = NOW.plusSeconds(1234).getEpochSecond();
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(403, fixture(getClass(), "rate-limited.json"))
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000").withHeader("x-ratelimit-reset", Long.toString(reset))));

        GitHubException failure = failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1234));
        assertThat(failure.getMessage()).contains("API rate limit exceeded for user ID 10001");
        github.server.verify(1, getRequestedFor(urlEqualTo(PERMISSION)));
        assertThat(meters.get("runbot.github.calls").tag("status", "403").counter().count()).isEqualTo(1);
        assertThat(meters.get("runbot.github.rate.limit.remaining").gauge().value()).isZero();
    }

    @Test
    void everyCallIsCountedByStatusAndTheLastRemainingQuotaIsKept() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(200, fixture(getClass(),
                "collaborator-permission.json")).withHeader("X-RateLimit-Remaining", "4987")));
        assertThat(meters.get("runbot.github.rate.limit.remaining").gauge().value()).as("nothing said yet").isNaN();

        host.permission(SHOP, "octocat");

        // kohsuke reads the repository first; FakeGitHub answers it without rate-limit headers.
        assertThat(meters.get("runbot.github.calls").tag("status", "200").counter().count()).isEqualTo(2);
        assertThat(meters.get("runbot.github.rate.limit.remaining").gauge().value()).isEqualTo(4987);

        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(meters.get("runbot.github.calls").tag("status", "error").counter().count()).isEqualTo(1);
        assertThat(meters.get("runbot.github.rate.limit.remaining").gauge().value()).isEqualTo(4987);
    }

    @Test
    void aSecondaryLimitWaitsRetryAfter() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(429, fixture(getClass(), "secondary-limit.json"))
                .withHeader("Retry-After", "30")));

        GitHubException failure = failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
        github.server.verify(1, getRequestedFor(urlEqualTo(PERMISSION)));
    }

    @Test
    void aForbiddenWithRetryAfterIsASecondaryLimitToo() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(403, fixture(getClass(), "secondary-limit.json"))
                .withHeader("Retry-After", "90")));

        GitHubException failure = failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void aRetryAfterDateIsAWaitUntilThen() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(429, fixture(getClass(), "secondary-limit.json"))
                .withHeader("Retry-After", "Sun, 14 Apr 2024 16:02:00 GMT")));

        assertThat(failureOf(() -> host.permission(SHOP, "octocat")).retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aSecondaryLimitWithoutAWaitWaitsAMinute() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(429, fixture(getClass(), "secondary-limit.json"))));

        assertThat(failureOf(() -> host.permission(SHOP, "octocat")).retryAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void aCheckDuringAnOutageIsRetryableAndNoRateLimit() {
        github.server.stubFor(get(urlEqualTo(PULL)).willReturn(json(500, "{\"message\": \"Server Error\"}")));

        GitHubException failure = failureOf(() -> host.pullRequestIfChanged(PR, Optional.of("\"etag\"")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.rateLimited()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("checking pull request \"acme/shop#42\": Server Error (HTTP 500)");
        github.server.verify(1, getRequestedFor(urlEqualTo(PULL)));
    }

    @Test
    void aCheckOverTheQuotaIsARateLimitWithItsWait() {
        long reset = NOW.plusSeconds(600).getEpochSecond();
        github.server.stubFor(get(urlEqualTo(PULL)).willReturn(json(403, fixture(getClass(), "rate-limited.json"))
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset))));

        GitHubException failure = failureOf(() -> host.pullRequestIfChanged(PR, Optional.of("\"etag\"")));

        assertThat(failure.rateLimited()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMinutes(10));
    }

    @Test
    void aValidationFailureIsFinalAndSaysWhatGitHubSaid() {
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/deployments"))
                .willReturn(json(422, fixture(getClass(), "validation-failed.json"))));

        GitHubException failure = failureOf(() -> host.createDeployment(SHOP, "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d",
                "preview/pr-42", "Preview of #42"));

        assertThat(failure.status()).isEqualTo(422);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).isEqualTo("creating deployment \"preview/pr-42\" at a84d88e in acme/shop: "
                + "Validation Failed: No ref found for: a84d88e (HTTP 422)");
    }

    @Test
    void aForbiddenWithoutLimitHeadersIsFinal() {
        github.server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(json(403, fixture(getClass(), "forbidden.json"))));

        GitHubException failure = failureOf(() -> host.createComment(new PullRequestRef(SHOP, 42), "hello"));

        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("commenting on acme/shop#42: Resource not accessible by integration (HTTP 403)");
    }

    @Test
    void callsRunbotMakesItselfMapLimitsTheSameWay() {
        github.server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(json(429, fixture(getClass(), "secondary-limit.json"))
                .withHeader("Retry-After", "30")));

        GitHubException failure = failureOf(() -> host.createComment(new PullRequestRef(SHOP, 42), "hello"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
        github.server.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void callsRunbotMakesItselfAreTriedOnceOnABadGateway() {
        github.server.stubFor(post(urlEqualTo(COMMENTS)).willReturn(json(502, "{\"message\": \"Server Error\"}")));

        GitHubException failure = failureOf(() -> host.createComment(new PullRequestRef(SHOP, 42), "hello"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("commenting on acme/shop#42: Server Error (HTTP 502)");
        github.server.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void aDroppedConnectionIsRetryableWithoutAStatusAndKohsukeDoesNotRetryIt() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CountingConnector connector = new CountingConnector(new TimedConnector());
        KohsukeGitHub counted = new KohsukeGitHub(github.tokenSettings(), clock, connector);

        GitHubException failure = failureOf(() -> counted.permission(SHOP, "octocat"));

        assertThat(failure.status()).isZero();
        assertThat(failure.retryable()).isTrue();
        assertThat(connector.sends).as("GET /repos/acme/shop, then the permission once").hasValue(2);
    }

    @Test
    void aRefusedConnectionIsRetryableWithoutAStatusAndKohsukeDoesNotRetryIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CountingConnector connector = new CountingConnector(new TimedConnector());
        KohsukeGitHub nowhere = new KohsukeGitHub(
                FakeGitHub.settings("http://127.0.0.1:" + closedPort, FakeGitHub.TOKEN, null, null), clock, connector);

        GitHubException failure = failureOf(() -> nowhere.permission(SHOP, "octocat"));

        assertThat(failure.status()).isZero();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("reading the permission of \"octocat\" on acme/shop: no answer to GET /repos/acme/shop: ");
        assertThat(connector.sends).as("kohsuke retries a ConnectException twice unless the connector hides it")
                .hasValue(1);
    }

    @Test
    void noFailureMentionsTheToken() {
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(401,
                "{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\"}")));

        GitHubException failure = failureOf(() -> host.permission(SHOP, "octocat"));

        assertThat(failure.retryable()).isFalse();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(FakeGitHub.TOKEN);
            assertThat(cause.toString()).doesNotContain(FakeGitHub.TOKEN);
        }
    }

    private static GitHubException failureOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        GitHubException failure = catchThrowableOfType(call, GitHubException.class);
        assertThat(failure).as("a GitHubException").isNotNull();
        return failure;
    }
}
