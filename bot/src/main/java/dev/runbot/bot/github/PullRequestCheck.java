package dev.runbot.bot.github;

import java.util.Optional;

/**
 * What a conditional read of a pull request found, so the periodic check can tell a pull request
 * that closed without runbot hearing of it from one that did not change, at no rate-limit cost.
 */
public sealed interface PullRequestCheck {

    /** GitHub answered 304: the pull request is as it was when it gave the ETag runbot sent. */
    record Unchanged() implements PullRequestCheck {
    }

    /**
     * GitHub answered 200 with the pull request as it is now.
     *
     * @param open    false once closed, merged or not
     * @param merged  whether it was merged
     * @param headSha the commit at its head
     * @param etag    GitHub's ETag of this answer, to send next time; empty when it gave none
     */
    record Changed(boolean open, boolean merged, String headSha, Optional<String> etag) implements PullRequestCheck {
    }

    /** GitHub answered 404: no such pull request, or runbot may not see it (a wrong token or App installation). */
    record Gone() implements PullRequestCheck {
    }
}
