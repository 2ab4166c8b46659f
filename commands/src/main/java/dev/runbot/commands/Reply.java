package dev.runbot.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runbot says back, independent of the channel: GitHub renders it as a comment, Slack as
 * blocks, the REST API as JSON. Text is plain; each renderer escapes it for its own markup.
 *
 * @param outcome what kind of answer this is, which decides reaction, colour and HTTP status
 * @param title   one line, e.g. {@code acme/shop#42 is ready}
 * @param text    the explanation or error message, possibly empty
 * @param state   the environment's state as people read it, when the reply is about one
 * @param fields  labelled values in display order (URL, sha, expiry, pin, ...)
 * @param links   the preview URL and the observability links
 * @param actions what the reader can do next (buttons in Slack, commands to type on GitHub)
 */
public record Reply(
        Outcome outcome,
        String title,
        String text,
        Optional<String> state,
        List<Field> fields,
        List<Link> links,
        List<Action> actions) {

    public Reply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
        fields = List.copyOf(fields);
        links = List.copyOf(links);
        actions = List.copyOf(actions);
    }

    /** A reply that is only words, e.g. help or an error. */
    public static Reply message(Outcome outcome, String title, String text) {
        return new Reply(outcome, title, text, Optional.empty(), List.of(), List.of(), List.of());
    }

    /** A refusal of bad input: the message says what was wrong and what would work. */
    public static Reply invalid(String message) {
        return message(Outcome.INVALID, message, "");
    }

    /** What kind of answer a reply is. */
    public enum Outcome {
        /** The command did what was asked. */
        DONE,
        /** Information only (status, list, help). */
        INFO,
        /** The input was malformed: unknown verb, bad duration, missing target. */
        INVALID,
        /** The command names an environment or pull request that does not exist. */
        NOT_FOUND,
        /** Well-formed, but a rule or limit forbids it (pin limit, maximum lifetime). */
        REFUSED,
        /** The person may not run this command. */
        FORBIDDEN,
        /** The work was done and failed for a reason in the environment (e.g. its deploy failed). */
        FAILED,
        /** runbot itself could not do the work (an internal error); nothing the person did caused it. */
        ERROR
    }

    /** A labelled value, e.g. {@code Expires} → {@code 2026-11-25 14:00 UTC (in 3d)}. */
    public record Field(String label, String value) {
    }

    /** A link to follow. */
    public record Link(LinkKind kind, String label, String url) {
    }

    /** What a link points at, so renderers can choose a button or an icon. */
    public enum LinkKind { PREVIEW, LOGS, METRICS, PULL_REQUEST }

    /**
     * Something the reader can do next.
     *
     * @param label    the button text, e.g. {@code Extend 24h}
     * @param command  the command text it runs, e.g. {@code extend 24h}
     * @param confirm  whether a person must confirm first (destroying is)
     */
    public record Action(String label, String command, boolean confirm) {
    }
}
