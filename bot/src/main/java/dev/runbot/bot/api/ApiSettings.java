package dev.runbot.bot.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The REST API's settings ({@code runbot.api.*}).
 *
 * @param token the bearer token for {@code /api/**}; unset means one is generated into the data directory
 */
@ConfigurationProperties("runbot.api")
public record ApiSettings(@Nullable String token) {
}
