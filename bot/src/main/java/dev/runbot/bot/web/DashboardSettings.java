package dev.runbot.bot.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The dashboard's login settings ({@code runbot.dashboard.*}).
 *
 * @param sessionSecret the key session cookies are sealed with; unset means one is generated into
 *                      {@code <data-dir>/session-secret}. Replicas behind one address need the same one.
 * @param sessionTtl    how long a login lasts
 */
@ConfigurationProperties("runbot.dashboard")
public record DashboardSettings(
        @Nullable String sessionSecret,
        @Bindable(defaultValue = "12h") Duration sessionTtl) {
}
