package dev.runbot.bot.web;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Who is looking at the dashboard, as their sealed session cookie says.
 *
 * @param who         the GitHub login, or {@link #API_TOKEN} for a login with the API token
 * @param gitHubToken the person's GitHub access token, to ask which repositories they can read;
 *                    absent for an API-token login, which sees every environment
 * @param expiresAt   when the login ends
 */
public record Session(String who, @Nullable String gitHubToken, Instant expiresAt) {

    /** The name shown for a login with the API token. */
    public static final String API_TOKEN = "API token";

    /** Whether this person sees only the repositories GitHub says they can read. */
    public boolean limitedToReadableRepositories() {
        return gitHubToken != null;
    }

    @Override
    public String toString() {
        return "Session[who=" + who + ", gitHubToken=" + (gitHubToken == null ? "none" : "<hidden>")
                + ", expiresAt=" + expiresAt + "]";
    }
}
