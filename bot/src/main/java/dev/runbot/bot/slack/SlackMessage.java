package dev.runbot.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A message as Slack shows it: Block Kit blocks, and the plain text notifications and screen
 * readers use instead.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
    }
}
