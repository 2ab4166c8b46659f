package dev.runbot.bot.github;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Lets GitHub beans exist only when runbot talks to GitHub: {@code runbot.github.token} or
 * {@code runbot.github.app-id} is set, the same rule as {@link GitHubSettings#enabled()}.
 * Use it as {@code @Requires(condition = GitHubEnabled.class)}.
 */
public final class GitHubEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        if (set(context, "runbot.github.token") || set(context, "runbot.github.app-id")) {
            return true;
        }
        context.fail("GitHub is disabled: neither runbot.github.token nor runbot.github.app-id is set");
        return false;
    }

    private static boolean set(ConditionContext context, String property) {
        return context.getProperty(property, String.class).filter(value -> !value.isBlank()).isPresent();
    }
}
