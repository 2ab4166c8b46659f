package dev.runbot.bot.github.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Something that happened to a pull request (opened, pushed to, labelled, closed), as taken
 * from its webhook and queued until a worker acts on it.
 *
 * @param action     GitHub's word: {@code opened}, {@code synchronize}, {@code closed}, ...
 * @param sender     who did it
 * @param headSha    the head after the change
 * @param fork       whether the head lives in another repository
 * @param labels     the pull request's labels after the change
 * @param label      the label added or removed, for {@code labeled} and {@code unlabeled}
 */
@Serdeable
public record PullRequestChange(String deliveryId, String action, String repository, int pullRequest, String sender,
                                String headSha, String headBranch, boolean fork, List<String> labels,
                                @Nullable String label, boolean merged) {

    /** The outbox kind these travel under. */
    public static final String KIND = "pull-request";

    public PullRequestChange {
        labels = List.copyOf(labels);
    }
}
