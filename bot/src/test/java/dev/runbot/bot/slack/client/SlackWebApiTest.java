package dev.runbot.bot.slack.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.runbot.bot.slack.client.FakeSlack.BEARER;
import static dev.runbot.bot.slack.client.FakeSlack.CHANNEL;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS_BLOCKS;
import static dev.runbot.bot.slack.client.FakeSlack.fixture;
import static dev.runbot.bot.slack.client.FakeSlack.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.bot.slack.PostedMessage;
import dev.runbot.bot.slack.SlackException;
import dev.runbot.bot.slack.SlackMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting and updating messages against Slack's documented answers, and the exact requests sent. */
class SlackWebApiTest {

    static final String TS = "1503435956.000247";

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
    void postSendsTextBlocksAndNoLinkPreviewsWithTheBotTokenAndReturnsTheTs() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(getClass(), "chat-postMessage.json"))));

        assertThat(api.post(CHANNEL, Optional.empty(), STATUS)).isEqualTo(new PostedMessage("C024BE91L", TS));

        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("channel", equalTo(CHANNEL))
                .withFormParam("text", equalTo("#42 is up at https://pr-42.preview.example.com"))
                .withFormParam("blocks", equalToJson(STATUS_BLOCKS))
                .withFormParam("unfurl_links", equalTo("0"))
                .withoutFormParam("thread_ts")
                .withoutFormParam("token"));
        // nothing else: no auth.test for statistics, no retry
        assertThat(slack.server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(meters.get("runbot.slack.calls").tag("method", "chat.postMessage").tag("outcome", "ok").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void postIntoAThreadPassesItsTs() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(getClass(), "chat-postMessage-thread.json"))));

        assertThat(api.post(CHANNEL, Optional.of(TS), STATUS)).isEqualTo(new PostedMessage("C024BE91L", "1503435957.000380"));

        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withFormParam("channel", equalTo(CHANNEL))
                .withFormParam("thread_ts", equalTo(TS)));
    }

    @Test
    void aMessageWithoutBlocksIsPostedAsText() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(getClass(), "chat-postMessage.json"))));

        api.post(CHANNEL, Optional.empty(), new SlackMessage("#42 is gone", List.of()));

        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withFormParam("text", equalTo("#42 is gone"))
                .withoutFormParam("blocks"));
    }

    @Test
    void anApiUrlWithoutTheTrailingSlashStillNamesTheMethods() throws Exception {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(getClass(), "chat-postMessage.json"))));

        try (SlackWebApi withoutSlash = new SlackWebApi(FakeSlack.settings(slack.server.baseUrl() + "/api"),
                new SimpleMeterRegistry())) {
            assertThat(withoutSlash.post(CHANNEL, Optional.empty(), STATUS).ts()).isEqualTo(TS);
        }
    }

    @Test
    void updateReplacesTextAndBlocks() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(json(200, fixture(getClass(), "chat-update.json"))));

        assertThat(api.update(CHANNEL, TS, STATUS)).isTrue();

        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.update"))
                .withHeader("Authorization", equalTo(BEARER))
                .withFormParam("channel", equalTo(CHANNEL))
                .withFormParam("ts", equalTo(TS))
                .withFormParam("text", equalTo("#42 is up at https://pr-42.preview.example.com"))
                .withFormParam("blocks", equalToJson(STATUS_BLOCKS)));
    }

    @Test
    void anUpdateWithoutBlocksClearsTheOldOnes() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(json(200, fixture(getClass(), "chat-update.json"))));

        api.update(CHANNEL, TS, new SlackMessage("#42 is gone", List.of()));

        slack.server.verify(1, postRequestedFor(urlEqualTo("/api/chat.update"))
                .withFormParam("text", equalTo("#42 is gone"))
                .withFormParam("blocks", equalToJson("[]")));
    }

    @Test
    void updatingAMessageThatIsGoneIsFalse() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.update"))
                .willReturn(json(200, fixture(getClass(), "message-not-found.json"))));

        assertThat(api.update(CHANNEL, TS, STATUS)).isFalse();
        assertThat(meters.get("runbot.slack.calls").tag("method", "chat.update").tag("outcome", "message_not_found")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void updatingSomeoneElsesMessageFails() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.update"))
                .willReturn(json(200, fixture(getClass(), "cant-update-message.json"))));

        assertThatThrownBy(() -> api.update(CHANNEL, TS, STATUS))
                .isInstanceOfSatisfying(SlackException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.error()).isEqualTo("cant_update_message");
                    assertThat(e.getMessage()).isEqualTo("updating message \"" + TS + "\" in channel \"" + CHANNEL
                            + "\": cant_update_message (runbot can only update its own messages)");
                });
    }

    @Test
    void postingToAChannelNameAnswersWithTheChannelsIdForLaterUpdates() {
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(getClass(), "chat-postMessage.json"))));

        assertThat(api.post("#previews", Optional.empty(), STATUS).channel()).isEqualTo("C024BE91L");
        slack.server.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withFormParam("channel", equalTo("#previews")));
    }

    @Test
    void theMembersOfAUserGroupAreItsUsers() {
        slack.server.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .willReturn(json(200, "{\"ok\": true, \"users\": [\"U060R4BJ4\", \"W123A4BC5\"]}")));

        assertThat(api.userGroupMembers("S0614TZR7")).containsExactlyInAnyOrder("U060R4BJ4", "W123A4BC5");
        slack.server.verify(postRequestedFor(urlEqualTo("/api/usergroups.users.list"))
                .withFormParam("usergroup", equalTo("S0614TZR7")).withHeader("Authorization", equalTo(BEARER)));
    }
}
