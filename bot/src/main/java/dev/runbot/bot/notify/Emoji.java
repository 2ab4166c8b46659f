package dev.runbot.bot.notify;

import dev.runbot.commands.Reply;

/** The emoji runbot marks states and outcomes with, the same on GitHub and in Slack. */
public final class Emoji {

    private Emoji() {
    }

    /** For an environment's state as people read it ({@code ready}, {@code failed}, ...). */
    public static String state(String state) {
        return switch (state) {
            case "ready" -> "✅";
            case "pending", "provisioning" -> "⏳";
            case "failed" -> "❌";
            case "destroying", "destroyed" -> "🗑️";
            default -> "ℹ️";
        };
    }

    /** For how a command went. */
    public static String outcome(Reply.Outcome outcome) {
        return switch (outcome) {
            case DONE -> "🚀";
            case INFO -> "ℹ️";
            case INVALID, NOT_FOUND, REFUSED, FORBIDDEN -> "😕";
            case FAILED, ERROR -> "❌";
        };
    }
}
