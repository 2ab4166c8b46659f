package dev.runbot.bot.github;

/**
 * A file read from a repository.
 *
 * @param sha  its blob sha: the same text always has the same sha, so it keys caches
 * @param text its content, decoded as UTF-8
 */
public record RepositoryFile(String path, String sha, String text) {
}
