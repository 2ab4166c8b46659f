package dev.runbot.bot.github;

/** The reactions runbot puts on a command comment, with GitHub's names for them. */
public enum Reaction {
    /** Received. */
    EYES("eyes"),
    /** Done. */
    ROCKET("rocket"),
    /** Refused or failed. */
    CONFUSED("confused");

    private final String content;

    Reaction(String content) {
        this.content = content;
    }

    /** GitHub's {@code content} value. */
    public String content() {
        return content;
    }
}
