package dev.runbot.bot.slack.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.runbot.bot.slack.client.FakeSlack.CHANNEL;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS;
import static dev.runbot.bot.slack.client.FakeSlack.TOKEN;
import static dev.runbot.bot.slack.client.FakeSlack.fixture;
import static dev.runbot.bot.slack.client.FakeSlack.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.runbot.bot.slack.SlackException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each refusal or silence from Slack becomes: retryable or final, with Slack's wait and a helpful message. */
class SlackFailuresTest {

    static final String POSTING = "posting to channel \"" + CHANNEL + "\": ";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FakeSlack slack;
    SlackWebApi api;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        api = new SlackWebApi(slack.settings(), meters);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        slack.close();
    }

    @Test
    void aRateLimitIsRetryableAfterSlacksWaitAndTheCallDoesNotWait() {
        answer(json(429, fixture(getClass(), "ratelimited.json")).withHeader("Retry-After", "30"));

        long started = System.nanoTime();
        SlackException e = posting();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.error()).isEqualTo("ratelimited");
        assertThat(e.getMessage()).isEqualTo(POSTING + "ratelimited (HTTP 429; Slack asks to wait 30s)");
        assertThat(took).isLessThan(Duration.ofMillis(900));
        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(calls("rate_limited")).isEqualTo(1);
        assertThat(meters.get("runbot.slack.rate.limited").tag("method", "chat.postMessage").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anOutageIsRetryable() {
        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody(fixture(getClass(), "service-unavailable.html")));

        SlackException e = posting();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.error()).isEqualTo("503");
        assertThat(e.getMessage()).isEqualTo(POSTING + "HTTP 503 from Slack");
        assertThat(calls("error")).as("an HTTP error without Slack's code").isEqualTo(1);
    }

    @Test
    void internalErrorIsRetryable() {
        answer(json(200, fixture(getClass(), "internal-error.json")));

        SlackException e = posting();

        assertThat(e.retryable()).isTrue();
        assertThat(e.error()).isEqualTo("internal_error");
        assertThat(e.getMessage()).isEqualTo(POSTING + "internal_error");
    }

    @Test
    void notInChannelIsFinalAndSaysWhatToDo() {
        answer(json(200, fixture(getClass(), "not-in-channel.json")));

        SlackException e = posting();

        assertThat(e.retryable()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.error()).isEqualTo("not_in_channel");
        assertThat(e.getMessage()).isEqualTo(POSTING + "not_in_channel (invite the runbot app to the channel)");
        assertThat(calls("not_in_channel")).isEqualTo(1);
        assertThat(meters.find("runbot.slack.rate.limited").counter()).as("no 429").isNull();
    }

    @Test
    void channelNotFoundIsFinal() {
        answer(json(200, fixture(getClass(), "channel-not-found.json")));

        SlackException e = posting();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith(POSTING + "channel_not_found (check the channel id");
    }

    @Test
    void aMissingScopeIsNamed() {
        answer(json(200, fixture(getClass(), "missing-scope.json")));

        SlackException e = posting();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo(POSTING
                + "missing_scope (the runbot app needs the \"chat:write\" scope; add it and reinstall)");
    }

    @Test
    void invalidBlocksSayWhatIsWrongWithThem() {
        answer(json(200, fixture(getClass(), "invalid-blocks.json")));

        SlackException e = posting();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo(POSTING + "invalid_blocks (Slack refused the message's blocks; "
                + "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid-auth.json", "token-revoked.json"})
    void aBadTokenIsFinalAndNeverQuoted(String answer) {
        answer(json(200, fixture(getClass(), answer)));

        SlackException e = posting();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("runbot.slack.bot-token");
        assertThat(everythingSaid(e)).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(5));
    }

    @Test
    void aCallWithoutAnAnswerInTimeIsRetryable() throws Exception {
        answer(json(200, fixture(getClass(), "internal-error.json")).withFixedDelay(5_000));

        try (SlackWebApi impatient = new SlackWebApi(slack.settings(), meters, Duration.ofSeconds(1),
                Duration.ofMillis(300))) {
            SlackException e = catchThrowableOfType(SlackException.class,
                    () -> impatient.post(CHANNEL, Optional.empty(), STATUS));

            assertThat(e.retryable()).isTrue();
            assertThat(e.error()).isEqualTo(SlackFailures.NO_ANSWER);
            assertThat(e.getMessage()).startsWith(POSTING + "no answer from Slack (");
            assertThat(everythingSaid(e)).doesNotContain(TOKEN);
        }
    }

    @Test
    void aDroppedConnectionIsRetryable() {
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        SlackException e = posting();

        assertThat(e.retryable()).isTrue();
        assertThat(e.error()).isEqualTo(SlackFailures.NO_ANSWER);
        assertThat(everythingSaid(e)).doesNotContain(TOKEN);
        assertThat(calls("error")).isEqualTo(1);
    }

    @Test
    void theTokenIsNeverInAFailureEvenWhenSlackQuotesIt() {
        answer(json(200, "{\"ok\": false, \"error\": \"invalid_blocks\", \"response_metadata\": "
                + "{\"messages\": [\"[ERROR] unexpected " + TOKEN + "\"]}}"));

        SlackException e = posting();

        assertThat(e.getMessage()).contains("[bot token]");
        assertThat(everythingSaid(e)).doesNotContain(TOKEN);
    }

    /** How many chat.postMessage calls were counted with {@code outcome}. */
    private double calls(String outcome) {
        return meters.get("runbot.slack.calls").tag("method", "chat.postMessage").tag("outcome", outcome).counter()
                .count();
    }

    private void answer(ResponseDefinitionBuilder response) {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(response));
    }

    private SlackException posting() {
        SlackException e = catchThrowableOfType(SlackException.class, () -> api.post(CHANNEL, Optional.empty(), STATUS));
        assertThat(e).as("a SlackException").isNotNull();
        return e;
    }

    /** The message, every cause's and the printed stack trace, as a log line with the exception would show them. */
    static String everythingSaid(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
