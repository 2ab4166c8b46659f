package dev.runbot.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard over real HTTP, logged in with the API token: the login and its cookie, the
 * pages and their links, the 404 pages, and that typed text is escaped. The browser test drives
 * the same pages in Chromium; this one checks what a browser does not show (headers, cookie flags).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest implements TestPropertyProvider {

    final Path dataDir = TestDirectories.temporary("runbot-dashboard");
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject JdbcOperations jdbc;

    ApiClient api;
    String token;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("runbot.data-dir", dataDir.toString(), "runbot.test.dashboard-configs", "true");
    }

    @BeforeEach
    void freshDatabase() throws IOException {
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM audit_entry");
                statement.executeUpdate("DELETE FROM environment");
            }
            return null;
        });
        token = Files.readString(dataDir.resolve("api-token")).strip();
        api = new ApiClient(server.getURI(), json, token);
    }

    @Test
    void withoutASessionThePagesSendTheBrowserToTheLoginPage() {
        for (String path : new String[] {"/", "/environments/shop-pr-42"}) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).contains("/login");
        }
        HttpResponse<String> login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/login\">")
                .contains("runbot.api.token").doesNotContain(token);
    }

    @Test
    void aWrongTokenGetsTheLoginPageAgainSayingWhatWorks() {
        HttpResponse<String> answer = logIn("not-the-token-at-all");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.body()).contains("That token is wrong.")
                .contains("the contents of the file api-token in runbot&#39;s data directory");
    }

    @Test
    void theRightTokenGivesAnHttpOnlySameSiteCookieThatIsSecureOverHttps() {
        HttpResponse<String> plain = logIn(token);
        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Location")).contains("/");
        String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SessionCookies.NAME + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Secure").doesNotContain(token);

        HttpResponse<String> behindTls = send(HttpRequest.newBuilder(server.getURI().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
        assertThat(behindTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void aForgedOrEndedSessionIsSentToTheLoginPage() {
        String session = session();
        String forged = session.substring(0, session.length() - 2) + (session.endsWith("A") ? "BB" : "AA");

        assertThat(get("/", forged).statusCode()).isEqualTo(303);
        assertThat(get("/", "garbage").statusCode()).isEqualTo(303);
        HttpResponse<String> logout = get("/logout", session);
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void theListLinksEachEnvironmentsPullRequestPreviewGrafanaAndCommitAndPricesIt() {
        api.post("/api/v1/commands", "{\"text\": \"/preview up\", \"repository\": \"acme/shop-db\", \"pullRequest\": 42,"
                + " \"headSha\": \"0123456789abcdef0123456789abcdef01234567\", \"requestedBy\": \"octocat\"}");
        api.command("/preview up", "acme/web", 7);
        api.command("/preview up", "acme/old", 3);
        api.command("/preview down", "acme/old", 3);

        String page = get("/", session()).body();

        assertThat(page).contains("href=\"https://github.com/acme/shop-db/pull/42\">acme/shop-db#42</a>")
                .contains("href=\"https://shop-db-pr-42.preview.test\">https://shop-db-pr-42.preview.test</a>")
                .contains("href=\"https://github.com/acme/shop-db/commit/0123456789abcdef0123456789abcdef01234567\"><code>0123456</code>")
                .contains("href=\"https://grafana.example.test/d/runbot-env?var-namespace=shop-db-pr-42\"")
                .contains("href=\"https://grafana.example.test/explore?orgId=1&amp;left=")
                .contains("<td class=\"requested-by\">octocat</td>")
                .contains("href=\"/environments/shop-db-pr-42\"");
        // The standard environment (app + one PostgreSQL) costs 15.00 a day; the app alone 8.80.
        assertThat(page).contains("<td class=\"cost-per-day\">15.00 USD</td>")
                .contains("<td class=\"cost-per-day\">8.80 USD</td>")
                .contains("<span id=\"total-per-day\">23.80 USD</span>");
        assertThat(page.indexOf("id=\"env-web-pr-7\"")).isLessThan(page.indexOf("id=\"env-old-pr-3\""));
        assertThat(page.substring(page.indexOf("id=\"destroyed\""))).contains("id=\"env-old-pr-3\"");
    }

    @Test
    void theDetailPageShowsTheAuditTimelineNewestFirst() {
        api.command("/preview up", "acme/shop", 42);
        api.command("/preview pin 2h", "acme/shop", 42);

        HttpResponse<String> answer = get("/environments/shop-pr-42", session());

        assertThat(answer.statusCode()).isEqualTo(200);
        String timeline = answer.body().substring(answer.body().indexOf("id=\"timeline\""));
        assertThat(timeline).contains("<td class=\"action\">pinned</td>").contains("<td class=\"action\">created</td>");
        assertThat(timeline.indexOf(">pinned<")).isLessThan(timeline.indexOf(">created<"));
        assertThat(answer.body()).contains("<dd class=\"requests\">0.3 CPU, 512 MiB</dd>");
    }

    @Test
    void typedTextIsEscapedNotRun() {
        api.command("/preview up --set env.GREETING=<script>alert(1)</script>", "acme/shop", 42);

        String page = get("/environments/shop-pr-42", session()).body();

        assertThat(page).contains("env.GREETING=&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void anUnknownEnvironmentOrPageIsAn404PageLinkingHome() {
        HttpResponse<String> environment = get("/environments/nothing-here", session());
        assertThat(environment.statusCode()).isEqualTo(404);
        assertThat(environment.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(environment.body()).contains("No environment is named &quot;nothing-here&quot;.")
                .contains("<a id=\"back\" href=\"/\">");

        HttpResponse<String> page = get("/no/such/page", null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("runbot has no page at this address.").contains("href=\"/\"");
    }

    @Test
    void theApiKeepsItsJsonAnswersAndItsBearerToken() {
        String session = session();
        HttpResponse<String> withCookieOnly = send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/environments"))
                .header("Accept", "text/html").header("Cookie", SessionCookies.NAME + "=" + session).GET());
        assertThat(withCookieOnly.statusCode()).isEqualTo(401);
        assertThat(withCookieOnly.body()).contains("The request has no API token.");

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/nothing"))
                .header("Accept", "text/html,application/json").header("Authorization", "Bearer " + token).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

        HttpResponse<String> notABrowser = send(HttpRequest.newBuilder(server.getURI().resolve("/no/such/page"))
                .header("Accept", "application/json").GET());
        assertThat(notABrowser.statusCode()).isEqualTo(404);
        assertThat(notABrowser.body()).doesNotContain("<html");
    }

    private String session() {
        String cookie = logIn(token).headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(SessionCookies.NAME.length() + 1, cookie.indexOf(';'));
    }

    private HttpResponse<String> logIn(String presented) {
        return send(HttpRequest.newBuilder(server.getURI().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(presented, StandardCharsets.UTF_8))));
    }

    private HttpResponse<String> get(String path, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET();
        if (session != null) {
            request.header("Cookie", SessionCookies.NAME + "=" + session);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
