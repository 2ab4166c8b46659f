package dev.runbot.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, logged in with the API token: the pages are behind
 * the login, a wrong token is refused, the seeded environments are listed with the right links,
 * a detail page shows the audit timeline, hostile text stays text, unknown pages are 404 pages.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest implements TestPropertyProvider {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    /** Would rename the page, were it run. */
    static final String HOSTILE = "<script>document.title='pwned'</script>";

    static final Duration PATIENCE = Duration.ofSeconds(10);

    final Path dataDir = TestDirectories.temporary("runbot-dashboard-browser");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    WebDriver browser;
    String token;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("runbot.data-dir", dataDir.toString(), "runbot.test.dashboard-configs", "true");
    }

    @BeforeAll
    void seedAndStart() throws IOException {
        token = Files.readString(dataDir.resolve("api-token")).strip();
        ApiClient api = new ApiClient(server.getURI(), json, token);
        api.post("/api/v1/commands", "{\"text\": \"/preview up\", \"repository\": \"acme/shop-db\", \"pullRequest\": 42,"
                + " \"headSha\": \"" + SHA + "\", \"requestedBy\": \"octocat\"}");
        api.command("/preview pin 4h", "acme/shop-db", 42);
        api.command("/preview up --set env.GREETING=" + HOSTILE, "acme/web", 7);
        api.command("/preview up", "acme/old", 3);
        api.command("/preview down", "acme/old", 3);
        browser = Chromium.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardIsBehindTheLoginAndAWrongTokenIsRefused() {
        browser.manage().deleteAllCookies();
        open("/");
        assertThat(path()).isEqualTo("/login");

        logIn("this-is-not-runbots-token");

        new WebDriverWait(browser, PATIENCE).until(page -> !page.findElements(By.id("problem")).isEmpty());
        assertThat(path()).isEqualTo("/login");
        assertThat(browser.findElement(By.id("problem")).getText()).startsWith("That token is wrong.");
        open("/environments/shop-db-pr-42");
        assertThat(path()).isEqualTo("/login");
    }

    @Test
    void theListLinksEverySeededEnvironmentRight() {
        logInWithTheToken();

        WebElement shop = browser.findElement(By.id("env-shop-db-pr-42"));
        assertThat(href(shop, "pull-request")).isEqualTo("https://github.com/acme/shop-db/pull/42");
        assertThat(shop.findElement(By.className("pull-request")).getText()).isEqualTo("acme/shop-db#42");
        assertThat(href(shop, "preview")).isEqualTo("https://shop-db-pr-42.preview.test/");
        assertThat(href(shop, "commit")).isEqualTo("https://github.com/acme/shop-db/commit/" + SHA);
        assertThat(shop.findElement(By.className("commit")).getText()).isEqualTo("0123456");
        assertThat(href(shop, "metrics")).isEqualTo("https://grafana.example.test/d/runbot-env?var-namespace=shop-db-pr-42");
        assertThat(href(shop, "logs")).startsWith("https://grafana.example.test/explore?").contains("shop-db-pr-42");
        assertThat(text(shop, "requested-by")).isEqualTo("octocat");
        assertThat(text(shop, "pinned")).isNotEqualTo("—");
        assertThat(text(shop, "cost-per-day")).isEqualTo("15.00 USD");

        List<String> live = browser.findElements(By.cssSelector("#live tr.environment")).stream()
                .map(row -> row.getAttribute("id")).toList();
        assertThat(live).containsExactlyInAnyOrder("env-shop-db-pr-42", "env-web-pr-7");
        assertThat(browser.findElements(By.cssSelector("#destroyed tr.environment"))).extracting(row -> row.getAttribute("id"))
                .containsExactly("env-old-pr-3");
    }

    @Test
    void theDetailPageShowsTheAuditTimelineAndHostileTextStaysText() {
        logInWithTheToken();
        browser.findElement(By.id("env-shop-db-pr-42")).findElement(By.className("detail")).click();

        awaitPath("/environments/shop-db-pr-42");
        assertThat(browser.findElement(By.id("name")).getText()).isEqualTo("shop-db-pr-42");
        List<String> actions = browser.findElements(By.cssSelector("#timeline td.action")).stream()
                .map(WebElement::getText).toList();
        assertThat(actions).contains("pinned", "created");
        assertThat(actions.indexOf("pinned")).isLessThan(actions.indexOf("created"));

        open("/environments/web-pr-7");
        assertThat(browser.findElement(By.className("override")).getText()).isEqualTo("env.GREETING=" + HOSTILE);
        assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("web-pr-7 · runbot");
    }

    @Test
    void unknownEnvironmentsAndPagesAreNotFoundPagesLinkingHome() {
        logInWithTheToken();

        open("/environments/nothing-here");
        assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("No environment is named \"nothing-here\".");
        browser.findElement(By.id("back")).click();
        awaitPath("/");

        open("/no/such/page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("runbot has no page at this address.");
    }

    @Test
    void loggingOutEndsTheSession() {
        logInWithTheToken();

        browser.findElement(By.cssSelector("header form button")).click();

        awaitPath("/login");
        open("/");
        assertThat(path()).isEqualTo("/login");
    }

    private void logInWithTheToken() {
        browser.manage().deleteAllCookies();
        open("/login");
        logIn(token);
        awaitPath("/");
    }

    private void logIn(String presented) {
        browser.findElement(By.id("token")).sendKeys(presented);
        browser.findElement(By.id("log-in")).click();
    }

    private void open(String path) {
        browser.get(server.getURI().resolve(path).toString());
    }

    /** Waits for the navigation a click started to land on {@code expected}. */
    private void awaitPath(String expected) {
        new WebDriverWait(browser, PATIENCE).until(page -> path().equals(expected)
                && "complete".equals(((JavascriptExecutor) page).executeScript("return document.readyState")));
    }

    private String path() {
        return java.net.URI.create(browser.getCurrentUrl()).getPath();
    }

    private static String href(WebElement row, String linkClass) {
        return row.findElement(By.className(linkClass)).getAttribute("href");
    }

    private static String text(WebElement row, String cellClass) {
        return row.findElement(By.className(cellClass)).getText();
    }
}
