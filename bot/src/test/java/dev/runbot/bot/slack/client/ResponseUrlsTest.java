package dev.runbot.bot.slack.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.runbot.bot.slack.client.FakeSlack.RESPONSE_PATH;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS_BLOCKS;
import static dev.runbot.bot.slack.client.FakeSlack.TOKEN;
import static dev.runbot.bot.slack.client.FakeSlack.fixture;
import static dev.runbot.bot.slack.client.FakeSlack.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.runbot.bot.slack.SlackException;
import dev.runbot.bot.slack.SlackMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answering interactions through their response_url: the JSON Slack reads, and Slack's refusals. */
class ResponseUrlsTest {

    FakeSlack slack;
    SlackWebApi api;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        api = new SlackWebApi(slack.settings(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        slack.close();
    }

    @Test
    void anEphemeralAnswerIsPostedAsJsonWithoutTheBotToken() {
        answer(text(200, fixture(getClass(), "ok.txt")));

        api.respond(slack.responseUrl(), STATUS, true, false);

        slack.server.verify(1, postRequestedFor(urlEqualTo(RESPONSE_PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withoutHeader("Authorization")
                .withRequestBody(equalToJson("""
                        {"response_type": "ephemeral", "replace_original": false,
                         "text": "#42 is up at https://pr-42.preview.example.com",
                         "blocks": %s}""".formatted(STATUS_BLOCKS))));
        assertThat(slack.server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void anAnswerInTheChannelMayReplaceTheOriginal() {
        answer(text(200, fixture(getClass(), "ok.txt")));

        api.respond(slack.responseUrl(), new SlackMessage("#42 is being deleted", List.of()), false, true);

        slack.server.verify(1, postRequestedFor(urlEqualTo(RESPONSE_PATH))
                .withRequestBody(equalToJson("""
                        {"response_type": "in_channel", "replace_original": true, "text": "#42 is being deleted"}""")));
    }

    @Test
    void anExpiredResponseUrlIsFinal() {
        answer(text(404, fixture(getClass(), "expired-url.txt")));

        SlackException e = respond();

        assertThat(e.retryable()).isFalse();
        assertThat(e.error()).isEqualTo("expired_url");
        assertThat(e.getMessage()).isEqualTo("answering ephemerally through the response_url at \"localhost\": "
                + "expired_url (Slack takes answers to an interaction for 30 minutes; HTTP 404)");
        assertThat(e.getMessage()).doesNotContain(RESPONSE_PATH);
    }

    @Test
    void aUsedUpResponseUrlIsFinal() {
        answer(text(404, fixture(getClass(), "used-url.txt")));

        SlackException e = respond();

        assertThat(e.retryable()).isFalse();
        assertThat(e.error()).isEqualTo("used_url");
    }

    @Test
    void aRefusalInJsonIsFinalEvenWithStatus200() {
        answer(json(200, fixture(getClass(), "invalid-blocks.json")));

        SlackException e = respond();

        assertThat(e.retryable()).isFalse();
        assertThat(e.error()).isEqualTo("invalid_blocks");
    }

    @Test
    void aRateLimitIsRetryableAfterSlacksWait() {
        answer(text(429, "").withHeader("Retry-After", "12"));

        SlackException e = respond();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void anOutageIsRetryable() {
        answer(text(502, "<html><body>Bad Gateway</body></html>"));

        SlackException e = respond();

        assertThat(e.retryable()).isTrue();
        assertThat(e.error()).isEqualTo("502");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.slack.com/actions/T1/2/x", "file:///etc/passwd", "javascript:alert(1)",
            "hooks.slack.com/actions/T1/2/x", "http:///no-host", "https://hooks.slack.com/a b", ""})
    void anythingButAnHttpUrlIsRefusedWithoutARequest(String url) {
        SlackException e = catchThrowableOfType(SlackException.class, () -> api.respond(url, STATUS, true, false));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isFalse();
        assertThat(e.error()).isEqualTo(SlackFailures.INVALID_URL);
        assertThat(slack.server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void theBotTokenIsNeverSentToAResponseUrlNorQuoted() {
        answer(text(404, fixture(getClass(), "expired-url.txt")));

        SlackException e = respond();

        assertThat(SlackFailuresTest.everythingSaid(e)).doesNotContain(TOKEN);
        assertThat(slack.server.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(request -> assertThat(request.toString()).doesNotContain(TOKEN));
    }

    @Test
    void anUppercaseSchemeIsStillHttp() {
        answer(text(200, fixture(getClass(), "ok.txt")));

        assertThatCode(() -> api.respond(slack.responseUrl().replace("http://", "HTTP://"), STATUS, true, false))
                .doesNotThrowAnyException();
    }

    private void answer(ResponseDefinitionBuilder response) {
        slack.server.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(response));
    }

    private SlackException respond() {
        SlackException e = catchThrowableOfType(SlackException.class,
                () -> api.respond(slack.responseUrl(), STATUS, true, false));
        assertThat(e).as("a SlackException").isNotNull();
        return e;
    }

    private static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
    }
}
