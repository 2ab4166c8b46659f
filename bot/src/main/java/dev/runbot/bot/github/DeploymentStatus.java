package dev.runbot.bot.github;

import java.util.Objects;
import java.util.Optional;

/**
 * One status of a GitHub deployment.
 *
 * @param environmentUrl where the preview is served ({@code success} only)
 * @param logUrl         where its logs are (Grafana)
 * @param description    at most {@link #DESCRIPTION_LIMIT} characters, as GitHub requires
 */
public record DeploymentStatus(State state, Optional<String> environmentUrl, Optional<String> logUrl,
                               String description) {

    /** GitHub refuses longer deployment-status descriptions. */
    public static final int DESCRIPTION_LIMIT = 140;

    public DeploymentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(environmentUrl, "environmentUrl");
        Objects.requireNonNull(logUrl, "logUrl");
        description = description == null ? "" : description;
        if (description.length() > DESCRIPTION_LIMIT) {
            description = description.substring(0, DESCRIPTION_LIMIT - 1) + "…";
        }
    }

    /** The deployment states runbot uses, in GitHub's words. */
    public enum State {
        IN_PROGRESS("in_progress"),
        SUCCESS("success"),
        FAILURE("failure"),
        INACTIVE("inactive");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
