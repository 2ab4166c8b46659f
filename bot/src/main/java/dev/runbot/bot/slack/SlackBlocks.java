package dev.runbot.bot.slack;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import java.util.List;
import java.util.Optional;

/** PLACEHOLDER until the renderer lands. */
public final class SlackBlocks {
    public static final String ACTION_PREFIX = "runbot:";

    private SlackBlocks() {
    }

    public static SlackMessage environment(PullRequestRef pullRequest, Optional<String> title, Reply status) {
        return new SlackMessage(status.title(), List.of());
    }

    public static SlackMessage answer(Reply reply) {
        return new SlackMessage(reply.title(), List.of());
    }

    public static SlackMessage change(String headline, String detail) {
        return new SlackMessage(headline, List.of());
    }

    public static SlackMessage working(String commandText) {
        return new SlackMessage("Working on " + commandText, List.of());
    }
}
