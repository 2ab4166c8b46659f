package dev.runbot.bot.slack.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.runbot.bot.Fixtures;
import dev.runbot.bot.slack.SlackMessage;
import dev.runbot.bot.slack.SlackSettings;
import java.util.List;

/**
 * A WireMock server standing in for Slack's Web API (under {@code /api/}) and its response_urls
 * (under {@code /actions/}), and the fixtures: Slack's documented answers, kept in
 * {@code <TestClass>/<name>} beside each test class.
 */
final class FakeSlack implements AutoCloseable {

    /** The shape of a bot token, from Slack's documentation. */
    static final String TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    static final String BEARER = "Bearer " + TOKEN;
    static final String CHANNEL = "C024BE91L";
    static final String RESPONSE_PATH = "/actions/T024BE7LD/1234567890123/uWTFmHOHw0iYkUgB1r5ivxw5";

    /** A message with blocks, and the JSON Slack should receive for them. */
    static final SlackMessage STATUS = new SlackMessage("#42 is up at https://pr-42.preview.example.com",
            List.of(Blocks.section(section -> section.text(
                            BlockCompositions.markdownText("*#42* is up at <https://pr-42.preview.example.com|pr-42>"))),
                    Blocks.divider()));
    static final String STATUS_BLOCKS = """
            [{"type": "section", "text": {"type": "mrkdwn", "text": "*#42* is up at <https://pr-42.preview.example.com|pr-42>"}},
             {"type": "divider"}]""";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    FakeSlack() {
        server.start();
    }

    /** The Web API base, as {@code runbot.slack.api-url} would name it. */
    String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    String responseUrl() {
        return server.baseUrl() + RESPONSE_PATH;
    }

    SlackSettings settings() {
        return settings(apiUrl());
    }

    static SlackSettings settings(String apiUrl) {
        return new SlackSettings(TOKEN, "8f742231b10e8888abcd99yyyzzz85a5", apiUrl, null, null, null, null, false,
                null, null);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    static String fixture(Class<?> test, String name) {
        return Fixtures.text(test, test.getSimpleName(), name);
    }

    @Override
    public void close() {
        server.stop();
    }
}
