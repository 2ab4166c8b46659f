package dev.runbot.bot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Log in with GitHub" in a real headless Chromium, with WireMock as GitHub's OAuth and REST
 * endpoints: the browser goes to GitHub and back with the state runbot gave it, runbot trades the
 * code for a token, and the person sees only the environments of repositories GitHub says they can
 * read; another repository's environment is a 404, as if it did not exist.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardGitHubLoginBrowserTest implements TestPropertyProvider {

    static final String USER_TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
    static final Duration PATIENCE = Duration.ofSeconds(10);

    final Path dataDir = TestDirectories.temporary("runbot-dashboard-github");
    final WireMockServer github = new WireMockServer(options().dynamicPort());

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    WebDriver browser;

    @Override
    public Map<String, String> getProperties() {
        github.start();
        String base = github.baseUrl();
        return Map.of("runbot.data-dir", dataDir.toString(), "runbot.test.dashboard-configs", "true",
                "runbot.github.api-url", base,
                "micronaut.security.oauth2.clients.github.client-id", "Iv1.runbot-dashboard",
                "micronaut.security.oauth2.clients.github.client-secret", "dashboard-client-secret",
                "micronaut.security.oauth2.clients.github.authorization.url", base + "/login/oauth/authorize",
                "micronaut.security.oauth2.clients.github.token.url", base + "/login/oauth/access_token");
    }

    @BeforeAll
    void seedAndStart() throws IOException {
        // GitHub's authorize page, already approved: straight back to runbot with a code and the state it was given.
        github.stubFor(WireMock.get(urlPathEqualTo("/login/oauth/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=the-code&state={{request.query.state}}")
                .withTransformers("response-template")));
        github.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).withRequestBody(containing("code=the-code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + USER_TOKEN + "\", \"token_type\": \"bearer\", \"scope\": \"\"}")));
        github.stubFor(WireMock.get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + USER_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"login\": \"mona\", \"id\": 1}")));
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/acme/shop")).withHeader("Authorization", equalTo("Bearer " + USER_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"full_name\": \"acme/shop\", \"private\": true}")));
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/acme/payroll"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Not Found\"}")));

        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        api.command("/preview up", "acme/shop", 42);
        api.command("/preview up", "acme/payroll", 9);
        browser = Chromium.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        github.stop();
    }

    @Test
    void aGitHubLoginSeesOnlyTheRepositoriesItCanRead() {
        browser.get(server.getURI().resolve("/").toString());
        awaitPath("/login");
        assertThat(browser.findElements(By.id("token"))).as("no API-token form while GitHub login is on").isEmpty();

        browser.findElement(By.id("github-login")).click();

        awaitPath("/");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("mona");
        assertThat(browser.findElements(By.id("env-shop-pr-42"))).hasSize(1);
        assertThat(browser.findElements(By.id("env-payroll-pr-9"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("payroll").doesNotContain(USER_TOKEN);
        for (Cookie cookie : browser.manage().getCookies()) {
            assertThat(cookie.getValue()).doesNotContain(USER_TOKEN);
        }
        github.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("client_id=Iv1.runbot-dashboard"))
                .withRequestBody(containing("client_secret=dashboard-client-secret")));

        browser.get(server.getURI().resolve("/environments/payroll-pr-9").toString());
        assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("No environment is named \"payroll-pr-9\".");
        browser.get(server.getURI().resolve("/environments/shop-pr-42").toString());
        assertThat(browser.findElement(By.id("name")).getText()).isEqualTo("shop-pr-42");
        github.verify(getRequestedFor(urlPathEqualTo("/repos/acme/payroll")));
    }

    @Test
    void aCallbackRunbotDidNotStartIsRefused() {
        browser.manage().deleteAllCookies();

        browser.get(server.getURI().resolve("/oauth/callback/github?code=the-code&state=made-up").toString());

        assertThat(browser.findElement(By.id("problem")).getText())
                .startsWith("This login was not started here, or it took longer than 10 minutes.");
        browser.get(server.getURI().resolve("/").toString());
        awaitPath("/login");
    }

    private void awaitPath(String expected) {
        new WebDriverWait(browser, PATIENCE).until(page -> URI.create(page.getCurrentUrl()).getPath().equals(expected));
    }
}
