package dev.runbot.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.runbot.bot.Fixtures;

/**
 * WireMock standing in for Slack: its Web API under {@code /api/} (answers shaped like Slack's
 * documented examples, files in {@code SlackFlowTest/}) and response_urls under {@code /response/}.
 */
public final class SlackApi implements AutoCloseable {

    public static final String TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    public static final String CHANNEL = "C0PREVIEW";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    public SlackApi() {
        server.start();
    }

    /** The Web API base, as runbot.slack.api-url. */
    public String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    /** A response_url of one request. */
    public String responseUrl(String id) {
        return server.baseUrl() + "/response/" + id;
    }

    /** Slack answering as it does when all is well. */
    public void standard() {
        server.resetAll();
        method("auth.test", ok("auth.test.json"));
        method("chat.postMessage", ok("chat.postMessage.json"));
        method("chat.update", ok("chat.update.json"));
        method("usergroups.users.list", ok("usergroups.users.list.json"));
        server.stubFor(post(urlPathMatching("/response/.+")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    void method(String name, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo("/api/" + name)).willReturn(answer));
    }

    static ResponseDefinitionBuilder ok(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture));
    }

    static String fixture(String name) {
        return Fixtures.text(SlackApi.class, "SlackFlowTest", name);
    }

    @Override
    public void close() {
        server.stop();
    }
}
