package dev.runbot.bot.slack;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** {@code POST /slack/events} exists when Slack is enabled and not reached over Socket Mode. */
public final class SlackHttpEndpoint implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return new SlackEnabled().matches(context) && context.getProperty("runbot.slack.app-token", String.class)
                .filter(token -> !token.isBlank()).isEmpty();
    }
}
