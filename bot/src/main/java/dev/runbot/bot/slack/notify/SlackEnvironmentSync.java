package dev.runbot.bot.slack.notify;

import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.slack.PostedMessage;
import dev.runbot.bot.slack.SlackBlocks;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackHost;
import dev.runbot.bot.slack.SlackMessage;
import dev.runbot.bot.slack.SlackSettings;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each environment's one Slack message true: posted once to the repository's channel
 * ({@code slackChannel} in {@code .preview.yaml}, else {@code runbot.slack.default-channel}),
 * then updated in place, with changes as replies in its thread.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackEnvironmentSync {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEnvironmentSync.class);

    private final SlackHost slack;
    private final SlackEnvironmentMessages messages;
    private final EnvironmentService environments;
    private final EnvironmentReplies replies;
    private final PreviewConfigSource configs;
    private final SlackSettings settings;
    private final Optional<PullRequestHost> github;
    private final Map<PullRequestRef, String> titles = new ConcurrentHashMap<>();

    SlackEnvironmentSync(SlackHost slack, SlackEnvironmentMessages messages, EnvironmentService environments,
                         EnvironmentReplies replies, PreviewConfigSource configs, SlackSettings settings,
                         Optional<PullRequestHost> github) {
        this.slack = slack;
        this.messages = messages;
        this.environments = environments;
        this.replies = replies;
        this.configs = configs;
        this.settings = settings;
        this.github = github;
    }

    /** Posts the environment's message, or updates it where it is; nothing when it has no channel. */
    public Optional<PostedMessage> sync(PullRequestRef pullRequest) {
        Optional<Environment> environment = environments.latest(pullRequest);
        if (environment.isEmpty()) {
            return Optional.empty();
        }
        SlackMessage message = SlackBlocks.environment(pullRequest, title(pullRequest),
                replies.status(environment.get(), ""));
        Optional<PostedMessage> posted = messages.find(pullRequest);
        if (posted.isPresent() && slack.update(posted.get().channel(), posted.get().ts(), message)) {
            return posted;
        }
        // Only a new message needs the channel, and so the repository's configuration.
        Optional<String> channel = channel(pullRequest.repository());
        if (channel.isEmpty()) {
            LOG.debug("{} has no Slack channel; no message", pullRequest);
            return Optional.empty();
        }
        PostedMessage fresh = slack.post(channel.get(), Optional.empty(), message);
        messages.remember(pullRequest, fresh);
        return Optional.of(fresh);
    }

    /** Adds {@code change} to the thread of the environment's message, posting the message first if need be. */
    public void thread(PullRequestRef pullRequest, SlackMessage change) {
        Optional<PostedMessage> posted = messages.find(pullRequest).or(() -> sync(pullRequest));
        posted.ifPresent(parent -> slack.post(parent.channel(), Optional.of(parent.ts()), change));
    }

    private Optional<String> channel(RepositoryName repository) {
        PreviewConfigLookup lookup = configs.find(repository);
        if (lookup instanceof PreviewConfigLookup.Unavailable unavailable) {
            // Its own channel may be named in the file: wait rather than post to the default one.
            throw new SourceUnavailableException(unavailable.message(), null);
        }
        Optional<String> own = lookup instanceof PreviewConfigLookup.Found found ? found.config().slackChannel()
                : Optional.empty();
        return own.or(settings::defaultChannelId);
    }

    /** The pull request's title from GitHub, once; the message goes without it when GitHub cannot say. */
    private Optional<String> title(PullRequestRef pullRequest) {
        if (github.isEmpty()) {
            return Optional.empty();
        }
        String known = titles.get(pullRequest);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Optional<String> title = Optional.ofNullable(github.get().pullRequest(pullRequest).title());
            title.ifPresent(found -> titles.put(pullRequest, found));
            return title;
        } catch (RuntimeException e) {
            LOG.debug("the title of {} is not known: {}", pullRequest, e.getMessage());
            return Optional.empty();
        }
    }
}
