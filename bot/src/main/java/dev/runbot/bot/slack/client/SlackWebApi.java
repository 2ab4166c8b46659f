package dev.runbot.bot.slack.client;

import com.google.gson.JsonParseException;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.util.json.GsonFactory;
import dev.runbot.bot.slack.PostedMessage;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackException;
import dev.runbot.bot.slack.SlackHost;
import dev.runbot.bot.slack.SlackMessage;
import dev.runbot.bot.slack.SlackSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * runbot's {@link SlackHost}: Slack's Web API through the Slack SDK, with the bot token. Every call
 * is bounded by the client's timeouts, never sleeps on a rate limit, and fails with a
 * {@link SlackException} that says whether to retry.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public final class SlackWebApi implements SlackHost, AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);
    private static final String POST_MESSAGE = "chat.postMessage";
    private static final String UPDATE = "chat.update";
    private static final String USERGROUP_MEMBERS = "usergroups.users.list";

    private final Slack slack;
    private final MethodsClient methods;
    private final SlackFailures failures;
    private final ResponseUrls responseUrls;
    private final SlackCalls calls;

    /**
     * @param settings where the Web API is and the bot token
     * @param meters   where every call is counted by method and outcome
     * @throws IllegalStateException when Slack is not enabled
     */
    @Inject
    public SlackWebApi(SlackSettings settings, MeterRegistry meters) {
        this(settings, meters, CONNECT_TIMEOUT, CALL_TIMEOUT);
    }

    SlackWebApi(SlackSettings settings, MeterRegistry meters, Duration connectTimeout, Duration callTimeout) {
        if (!settings.enabled()) {
            throw new IllegalStateException("Slack is not enabled: set runbot.slack.bot-token");
        }
        String token = settings.botToken().strip();
        this.slack = SlackSdk.build(settings.apiUrl(), connectTimeout, callTimeout);
        this.methods = slack.methods(token);
        this.failures = new SlackFailures(token);
        this.calls = new SlackCalls(meters);
        this.responseUrls = new ResponseUrls(slack.getHttpClient(), GsonFactory.createSnakeCase(slack.getConfig()),
                failures, calls);
        LOG.info("talking to Slack's Web API at \"{}\"", slack.getConfig().getMethodsEndpointUrlPrefix());
    }

    /** {@code chat.postMessage}, without link previews: runbot's messages link to pull requests and environments. */
    @Override
    public PostedMessage post(String channel, Optional<String> threadTs, SlackMessage message) {
        String doing = "posting to channel \"%s\"%s".formatted(channel,
                threadTs.map(ts -> " in the thread of \"" + ts + "\"").orElse(""));
        LOG.info(doing);
        try {
            ChatPostMessageResponse response = methods.chatPostMessage(request -> request
                    .channel(channel)
                    .threadTs(threadTs.orElse(null))
                    .text(message.text())
                    .blocks(message.blocks().isEmpty() ? null : message.blocks())
                    .unfurlLinks(false)
                    .unfurlMedia(false));
            if (!response.isOk()) {
                throw refused(POST_MESSAGE, doing, SlackAnswer.of(response, response.getResponseMetadata()));
            }
            calls.ok(POST_MESSAGE);
            LOG.debug("posted message \"{}\" to channel \"{}\"", response.getTs(), channel);
            // Slack answers with the channel's id even when it was given a name: updates need the id.
            return new PostedMessage(response.getChannel() == null ? channel : response.getChannel(), response.getTs());
        } catch (SlackApiException | IOException | JsonParseException e) {
            throw failure(POST_MESSAGE, doing, e);
        }
    }

    /** {@code chat.update}; the blocks are always sent, so a message without blocks loses its old ones. */
    @Override
    public boolean update(String channel, String ts, SlackMessage message) {
        String doing = "updating message \"%s\" in channel \"%s\"".formatted(ts, channel);
        LOG.info(doing);
        try {
            ChatUpdateResponse response = methods.chatUpdate(request -> request
                    .channel(channel)
                    .ts(ts)
                    .text(message.text())
                    .blocks(message.blocks()));
            if (response.isOk()) {
                calls.ok(UPDATE);
                return true;
            }
            SlackAnswer answer = SlackAnswer.of(response, response.getResponseMetadata());
            if ("message_not_found".equals(response.getError())) {
                calls.refused(UPDATE, answer);
                LOG.info("message \"{}\" in channel \"{}\" no longer exists", ts, channel);
                return false;
            }
            throw refused(UPDATE, doing, answer);
        } catch (SlackApiException | IOException | JsonParseException e) {
            throw failure(UPDATE, doing, e);
        }
    }

    /** {@code usergroups.users.list}; a group runbot cannot see has no members, and the log says why. */
    @Override
    public Set<String> userGroupMembers(String userGroupId) {
        String doing = "listing the members of user group \"%s\"".formatted(userGroupId);
        LOG.debug(doing);
        try {
            UsergroupsUsersListResponse response = methods.usergroupsUsersList(request -> request.usergroup(userGroupId));
            if (!response.isOk()) {
                throw refused(USERGROUP_MEMBERS, doing, SlackAnswer.of(response, null));
            }
            calls.ok(USERGROUP_MEMBERS);
            return response.getUsers() == null ? Set.of() : Set.copyOf(response.getUsers());
        } catch (SlackApiException | IOException | JsonParseException e) {
            throw failure(USERGROUP_MEMBERS, doing, e);
        }
    }

    @Override
    public void respond(String responseUrl, SlackMessage message, boolean ephemeral, boolean replaceOriginal) {
        responseUrls.respond(responseUrl, message, ephemeral, replaceOriginal);
    }

    /**
     * Ends the HTTP client's threads and connections. Not {@code Slack.close()}: that also shuts the
     * SDK's asynchronous thread pools, which every SDK client in the JVM shares (Bolt's too).
     */
    @PreDestroy
    @Override
    public void close() throws Exception {
        slack.getHttpClient().close();
    }

    /** An answer of {@code ok: false}: counted, and made the exception to throw. */
    private SlackException refused(String method, String doing, SlackAnswer answer) {
        calls.refused(method, answer);
        return failures.refused(doing, answer, null);
    }

    private SlackException failure(String method, String doing, Exception thrown) {
        if (thrown instanceof SlackApiException refused) {
            SlackAnswer answer = SlackAnswer.of(refused);
            calls.refused(method, answer);
            return failures.refused(doing, answer, refused);
        }
        calls.failed(method);
        if (thrown instanceof JsonParseException unreadable) {
            return failures.unreadable(doing, unreadable);
        }
        return failures.unanswered(doing, thrown);
    }
}
