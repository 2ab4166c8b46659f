package dev.runbot.bot.slack.notify;

import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.bot.slack.SlackBlocks;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackHost;
import dev.runbot.bot.slack.SlackSettings;
import dev.runbot.bot.slack.notify.SlackNotices.AnnouncementNotice;
import dev.runbot.bot.slack.notify.SlackNotices.AnswerNotice;
import dev.runbot.bot.slack.notify.SlackNotices.ChangeNotice;
import dev.runbot.bot.slack.notify.SlackNotices.EnvironmentNotice;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxDeliverer;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link SlackNotices}: answers through response_urls, the environment messages and
 * their thread replies, and announcements to the default channel. Slack down or rate-limited means "later, after the wait it asked for";
 * a channel runbot is not in, or an expired response_url, means "never", with the reason kept.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackNoticeDeliverer implements OutboxDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(SlackNoticeDeliverer.class);

    private final SlackHost slack;
    private final SlackEnvironmentSync environments;
    private final SlackSettings settings;
    private final JsonMapper json;

    SlackNoticeDeliverer(SlackHost slack, SlackEnvironmentSync environments, SlackSettings settings,
                         JsonMapper json) {
        this.slack = slack;
        this.environments = environments;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public String destination() {
        return SlackNotices.DESTINATION;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        return switch (message.kind()) {
            case SlackNotices.ANSWER -> QueuedMessages.deliver(message, () -> {
                AnswerNotice answer = QueuedMessages.read(json, message, AnswerNotice.class);
                slack.respond(answer.responseUrl(), SlackBlocks.answer(answer.reply()), true, false);
            });
            case SlackNotices.ENVIRONMENT -> QueuedMessages.deliver(message, () -> {
                EnvironmentNotice notice = QueuedMessages.read(json, message, EnvironmentNotice.class);
                environments.sync(QueuedMessages.pullRequest(notice.repository(), notice.pullRequest()));
            });
            case SlackNotices.CHANGE -> QueuedMessages.deliver(message, () -> {
                ChangeNotice change = QueuedMessages.read(json, message, ChangeNotice.class);
                environments.thread(QueuedMessages.pullRequest(change.repository(), change.pullRequest()),
                        SlackBlocks.change(change.headline(), change.detail()));
            });
            case SlackNotices.ANNOUNCEMENT -> QueuedMessages.deliver(message, () -> {
                AnnouncementNotice notice = QueuedMessages.read(json, message, AnnouncementNotice.class);
                Optional<String> channel = settings.defaultChannelId();
                if (channel.isEmpty()) {
                    LOG.info("no runbot.slack.default-channel to tell: {}: {}", notice.headline(), notice.detail());
                    return;
                }
                slack.post(channel.get(), Optional.empty(), SlackBlocks.change(notice.headline(), notice.detail()));
            });
            default -> QueuedMessages.unknownKind(message);
        };
    }
}
