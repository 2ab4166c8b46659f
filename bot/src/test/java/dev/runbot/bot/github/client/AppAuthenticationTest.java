package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.runbot.bot.github.client.FakeGitHub.fixture;
import static dev.runbot.bot.github.client.FakeGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** runbot as a GitHub App: a signed JWT finds the installation, whose token is fetched once and renewed in time. */
class AppAuthenticationTest {

    static final long APP_ID = 1;
    static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    static final String PERMISSION = "/repos/acme/shop/collaborators/octocat/permission";
    static final String INSTALLATION = "/repos/acme/shop/installation";
    static final String ACCESS_TOKENS = "/app/installations/1/access_tokens";
    static final String FIRST_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
    static final String RENEWED_TOKEN = "ghs_2nd7e42F292c6912E7710c838347Ae178B4b";
    /** An hour before the first token's {@code expires_at}. */
    static final Instant START = Instant.parse("2016-07-11T21:14:10Z");
    static final Instant FIRST_EXPIRY = Instant.parse("2016-07-11T22:14:10Z");

    final MutableClock clock = new MutableClock(START);
    FakeGitHub github;

    @BeforeEach
    void start() {
        github = new FakeGitHub();
        github.repository();
        github.server.stubFor(get(urlEqualTo("/app")).willReturn(json(200, fixture(getClass(), "app.json"))));
        github.server.stubFor(get(urlEqualTo(INSTALLATION)).willReturn(json(200, fixture(getClass(), "installation.json"))));
        github.server.stubFor(post(urlEqualTo(ACCESS_TOKENS)).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(json(201, fixture(getClass(), "access-token.json"))).willSetStateTo("issued"));
        github.server.stubFor(post(urlEqualTo(ACCESS_TOKENS)).inScenario("tokens").whenScenarioStateIs("issued")
                .willReturn(json(201, fixture(getClass(), "access-token-renewed.json"))));
        github.server.stubFor(get(urlEqualTo(PERMISSION)).willReturn(json(200, fixture(getClass(), "collaborator-permission.json"))));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void callsAboutARepositoryCarryItsInstallationsTokenAndTheAppSpeaksWithItsJwt() {
        KohsukeGitHub host = new KohsukeGitHub(github.appSettings(APP_ID, TestKeys.pkcs8Pem()), clock, new SimpleMeterRegistry());

        assertThat(host.permission(SHOP, "octocat")).isEqualTo(GitHubRole.ADMIN);

        github.server.verify(1, getRequestedFor(urlEqualTo(INSTALLATION)).withHeader("Authorization", matching("Bearer .+")));
        github.server.verify(1, postRequestedFor(urlEqualTo(ACCESS_TOKENS)).withHeader("Authorization", matching("Bearer .+")));
        github.server.verify(1, getRequestedFor(urlEqualTo(PERMISSION)).withHeader("Authorization", equalTo("token " + FIRST_TOKEN)));
    }

    @Test
    void theJwtIsSignedWithTheAppsKeyAndNamesTheApp() throws Exception {
        KohsukeGitHub host = new KohsukeGitHub(github.appSettings(APP_ID, TestKeys.pkcs8Pem()), clock, new SimpleMeterRegistry());

        host.permission(SHOP, "octocat");

        assertValidJwt(jwtSentTo(INSTALLATION));
    }

    @Test
    void anRsaPrivateKeyAsGitHubHandsItOutSignsTheSame() throws Exception {
        KohsukeGitHub host = new KohsukeGitHub(github.appSettings(APP_ID, TestKeys.pkcs1Pem()), clock, new SimpleMeterRegistry());

        host.permission(SHOP, "octocat");

        assertValidJwt(jwtSentTo(INSTALLATION));
    }

    @Test
    void theInstallationTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        KohsukeGitHub host = new KohsukeGitHub(github.appSettings(APP_ID, TestKeys.pkcs8Pem()), clock, new SimpleMeterRegistry());

        host.permission(SHOP, "octocat");
        clock.set(FIRST_EXPIRY.minusSeconds(5 * 60 + 1));
        host.permission(SHOP, "octocat");

        github.server.verify(1, postRequestedFor(urlEqualTo(ACCESS_TOKENS)));
        github.server.verify(2, getRequestedFor(urlEqualTo(PERMISSION)).withHeader("Authorization", equalTo("token " + FIRST_TOKEN)));

        clock.set(FIRST_EXPIRY.minusSeconds(5 * 60));
        host.permission(SHOP, "octocat");

        github.server.verify(2, postRequestedFor(urlEqualTo(ACCESS_TOKENS)));
        github.server.verify(1, getRequestedFor(urlEqualTo(PERMISSION)).withHeader("Authorization", equalTo("token " + RENEWED_TOKEN)));
        github.server.verify(1, getRequestedFor(urlEqualTo(INSTALLATION)));
        github.server.verify(1, getRequestedFor(urlEqualTo("/app")));
    }

    @Test
    void runbotIsTheAppsBotAccount() {
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/issues/42/comments?per_page=100"))
                .willReturn(json(200, fixture(getClass(), "comments.json"))));
        KohsukeGitHub host = new KohsukeGitHub(github.appSettings(APP_ID, TestKeys.pkcs8Pem()), clock, new SimpleMeterRegistry());

        assertThat(host.findComment(new PullRequestRef(SHOP, 42), "<!-- runbot:status -->")).contains(2500000202L);
        github.server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments?per_page=100"))
                .withHeader("Authorization", equalTo("token " + FIRST_TOKEN)));
        github.server.verify(0, getRequestedFor(urlEqualTo("/user")));
    }

    @Test
    void anAppWithoutAPrivateKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new KohsukeGitHub(github.appSettings(APP_ID, null), clock, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("runbot.github.app-id is set but runbot.github.private-key is not");
    }

    private String jwtSentTo(String path) {
        String authorization = github.server.findAll(getRequestedFor(urlEqualTo(path))).get(0).getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }

    private void assertValidJwt(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(TestKeys.APP_KEY.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature verifies with the public key").isTrue();

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("1");
        assertThat(claims.path("iat").asLong()).isEqualTo(START.getEpochSecond() - 60);
        assertThat(claims.path("exp").asLong()).isEqualTo(START.getEpochSecond() + 9 * 60);
    }
}
