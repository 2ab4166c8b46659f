package dev.runbot.bot.github;

import java.util.Locale;

/**
 * A person's permission on a repository, as GitHub's collaborator-permission API reports it
 * ({@code admin}, {@code write}, {@code read}, {@code none}; maintainers count as write, triagers as read).
 */
public enum GitHubRole {
    NONE,
    READ,
    WRITE,
    ADMIN;

    public boolean atLeast(GitHubRole needed) {
        return compareTo(needed) >= 0;
    }

    /** Reads GitHub's word (case-insensitive; {@code maintain} → write, {@code triage} → read); unknown words are NONE. */
    public static GitHubRole of(String word) {
        if (word == null) {
            return NONE;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "maintain", "write", "push" -> WRITE;
            case "triage", "read", "pull" -> READ;
            default -> NONE;
        };
    }
}
