package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.runbot.bot.Fixtures;
import dev.runbot.bot.github.GitHubSettings;

/**
 * A WireMock server standing in for GitHub's REST API, and the fixtures: GitHub's documented
 * example answers, kept in {@code <TestClass>/<name>} beside each test class.
 */
final class FakeGitHub implements AutoCloseable {

    static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    FakeGitHub() {
        server.start();
    }

    String url() {
        return server.baseUrl();
    }

    GitHubSettings tokenSettings() {
        return settings(url(), TOKEN, null, null);
    }

    GitHubSettings appSettings(long appId, String privateKey) {
        return settings(url(), null, appId, privateKey);
    }

    static GitHubSettings settings(String apiUrl, String token, Long appId, String privateKey) {
        return new GitHubSettings(apiUrl, token, appId, privateKey, "webhook-secret", "runbot", null, "write", "read",
                null);
    }

    /** {@code GET /repos/acme/shop}, which kohsuke asks before anything about the repository. */
    void repository() {
        server.stubFor(get(urlEqualTo("/repos/acme/shop")).willReturn(json(200, fixture(FakeGitHub.class, "repository.json"))));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    static ResponseDefinitionBuilder notFound() {
        return json(404, fixture(FakeGitHub.class, "not-found.json"));
    }

    static String fixture(Class<?> test, String name) {
        return Fixtures.text(test, test.getSimpleName(), name);
    }

    @Override
    public void close() {
        server.stop();
    }
}
