package dev.runbot.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.runbot.bot.Fixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

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

    /**
     * What runbot said in environment threads ({@code chat.postMessage} with a {@code thread_ts}),
     * oldest first: each reply's fallback text and its blocks, as sent.
     */
    public List<String> threadReplies() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .filter(request -> !form(request, "thread_ts").isEmpty())
                .map(request -> form(request, "text") + "\n" + form(request, "blocks"))
                .toList();
    }

    /** A field of a Web API call: the SDK sends form-encoded bodies. */
    public static String form(LoggedRequest request, String name) {
        for (String pair : request.getBodyAsString().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
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
