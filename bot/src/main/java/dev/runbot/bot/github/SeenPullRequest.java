package dev.runbot.bot.github;

/**
 * What the periodic check last saw of a pull request, kept so that GitHub's 304 for {@code etag}
 * can be read as "still open" (or "still closed") without fetching the pull request again.
 *
 * @param etag GitHub's ETag of the answer, exactly as sent
 * @param open whether the pull request was open in that answer
 */
public record SeenPullRequest(String etag, boolean open) {

    /** Longer ETags are not GitHub's (its are a quoted hash, perhaps weak) and are not kept. */
    public static final int MAX_ETAG = 255;

    public SeenPullRequest {
        if (etag == null || etag.isBlank()) {
            throw new IllegalArgumentException("a seen pull request needs the ETag it was seen with");
        }
    }
}
