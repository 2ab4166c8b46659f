package dev.runbot.bot.slack;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** Slack beans exist only when {@code runbot.slack.bot-token} is set. */
public final class SlackEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty("runbot.slack.bot-token", String.class).filter(token -> !token.isBlank()).isPresent();
    }
}
