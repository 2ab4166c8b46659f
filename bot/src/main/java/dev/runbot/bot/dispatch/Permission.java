package dev.runbot.bot.dispatch;

/** What a caller may do with a repository, from least to most. */
public enum Permission {
    NONE,
    /** May run read-only verbs: status, list, help. */
    READ,
    /** May run every verb, including those that change environments. */
    WRITE;

    public boolean allows(Permission needed) {
        return compareTo(needed) >= 0;
    }
}
