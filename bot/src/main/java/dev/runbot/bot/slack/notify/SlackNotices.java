package dev.runbot.bot.slack.notify;

import dev.runbot.bot.outbox.JsonOutbox;
import dev.runbot.bot.outbox.OutboxPumps;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Leaves what Slack should show in the outbox — never calls Slack itself — so a Slack outage
 * delays messages but never loses them and never fails the work that caused them.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackNotices {

    /** The outbox destination {@link SlackNoticeDeliverer} takes. */
    public static final String DESTINATION = "slack";
    static final String ANSWER = "answer";
    static final String ENVIRONMENT = "environment";
    static final String CHANGE = "change";
    static final String ANNOUNCEMENT = "announcement";

    private final JsonOutbox outbox;
    private final OutboxPumps pumps;

    SlackNotices(JsonOutbox outbox, OutboxPumps pumps) {
        this.outbox = outbox;
        this.pumps = pumps;
    }

    /** Answers a command or button press, to the person only, through its {@code response_url}. */
    public void answer(String responseUrl, Reply reply) {
        enqueue(ANSWER, null, new AnswerNotice(responseUrl, reply));
    }

    /** Brings the environment's channel message up to date; requests before the next delivery are one. */
    public void refresh(PullRequestRef pullRequest) {
        enqueue(ENVIRONMENT, "slack:" + pullRequest, new EnvironmentNotice(pullRequest.repository().toString(),
                pullRequest.number(), UUID.randomUUID().toString()));
    }

    /** Adds a reply to the thread of the environment's channel message. */
    public void change(PullRequestRef pullRequest, String headline, String detail) {
        enqueue(CHANGE, null, new ChangeNotice(pullRequest.repository().toString(), pullRequest.number(), headline,
                detail));
    }

    /** Tells the default channel something that concerns no one environment's thread, such as a collected orphan. */
    public void announce(String headline, String detail) {
        enqueue(ANNOUNCEMENT, null, new AnnouncementNotice(headline, detail));
    }

    private void enqueue(String kind, String key, Object notice) {
        outbox.enqueue(DESTINATION, kind, key, notice);
        pumps.nudgeNotifications();
    }

    /** An answer to send to a response_url. */
    @Serdeable
    record AnswerNotice(String responseUrl, Reply reply) {
    }

    /**
     * An environment whose channel message is to be brought up to date from what runbot knows when
     * it is delivered; {@code request} makes each request differ, so one made during the delivery
     * of another is delivered again (see the GitHub status comment for why).
     */
    @Serdeable
    record EnvironmentNotice(String repository, int pullRequest, String request) {
    }

    /** A message for the default channel. */
    @Serdeable
    record AnnouncementNotice(String headline, String detail) {
    }

    /** One change, for the thread. */
    @Serdeable
    record ChangeNotice(String repository, int pullRequest, String headline, String detail) {
    }
}
