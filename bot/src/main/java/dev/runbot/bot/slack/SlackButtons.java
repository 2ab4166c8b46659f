package dev.runbot.bot.slack;

import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Action;
import dev.runbot.commands.Reply.Link;
import dev.runbot.commands.Reply.LinkKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The buttons of one message: links to open and commands to run, each with an {@code action_id}
 * unique in the message, so Slack accepts the message and the handler knows what was pressed.
 */
final class SlackButtons {

    /** Slack's limits: elements per actions block, characters of button text, value and action id. */
    private static final int ELEMENTS_MAX = 25;
    private static final int LABEL_MAX = 75;
    private static final int VALUE_MAX = 2_000;
    private static final int VERB_MAX = 40;
    /** Slack's limits on a confirmation dialog. */
    private static final int DIALOG_TITLE_MAX = 100;
    private static final int DIALOG_TEXT_MAX = 300;
    private static final int DIALOG_BUTTON_MAX = 30;

    private final List<BlockElement> elements = new ArrayList<>();
    private final Set<String> actionIds = new HashSet<>();

    /** A button per web link: the preview (primary), Grafana logs and metrics; other addresses get none. */
    SlackButtons links(List<Link> links) {
        for (Link link : links) {
            if (full()) {
                break;
            }
            SlackMarkup.webUrl(link.url()).ifPresent(url -> elements.add(ButtonElement.builder()
                    .text(plain(link.label(), defaultLabel(link.kind())))
                    .actionId(unique(SlackBlocks.OPEN_PREFIX + kindId(link.kind())))
                    .url(url)
                    .style(link.kind() == LinkKind.PREVIEW ? "primary" : null)
                    .build()));
        }
        return this;
    }

    /**
     * A button per action, whose value is the slash command text that runs it on {@code target};
     * an action whose command would not fit is left out rather than cut into another command.
     */
    SlackButtons actions(List<Action> actions, PullRequestRef target, Optional<String> namespace) {
        for (Action action : actions) {
            if (full()) {
                break;
            }
            String command = action.command().length() > VALUE_MAX ? ""
                    : SlackMarkup.clean(action.command()).replaceAll("\\s+", " ").strip();
            String value = command + " " + target;
            if (command.isEmpty() || value.length() > VALUE_MAX) {
                continue;
            }
            String verb = verb(command);
            elements.add(ButtonElement.builder()
                    .text(plain(action.label(), verb))
                    .actionId(unique(SlackBlocks.ACTION_PREFIX + verb))
                    .value(value)
                    .style(action.confirm() ? "danger" : null)
                    .confirm(action.confirm() ? confirm(action, verb, target, namespace) : null)
                    .build());
        }
        return this;
    }

    /** The buttons, at most as many as an actions block takes. */
    List<BlockElement> elements() {
        return List.copyOf(elements);
    }

    private boolean full() {
        return elements.size() >= ELEMENTS_MAX;
    }

    /** Destroying asks first and says what goes; any other confirmed action says which command runs. */
    private static ConfirmationDialogObject confirm(Action action, String verb, PullRequestRef target,
                                                    Optional<String> namespace) {
        boolean destroy = verb.equals("down") || verb.equals("destroy");
        String title = destroy ? "Destroy " + target + "?" : action.label() + "?";
        String text = destroy
                ? namespace.map(name -> "This deletes the namespace " + name).orElse("This deletes its namespace")
                + " with its volumes and database. It cannot be undone."
                : "This runs /preview " + action.command() + " " + target + ".";
        return ConfirmationDialogObject.builder()
                .title(plain(title, "Are you sure?", DIALOG_TITLE_MAX))
                .text(plain(text, "Are you sure?", DIALOG_TEXT_MAX))
                .confirm(plain(destroy ? "Destroy" : action.label(), "Yes", DIALOG_BUTTON_MAX))
                .deny(plain(destroy ? "Keep it" : "Cancel", "Cancel", DIALOG_BUTTON_MAX))
                .style(destroy ? "danger" : null)
                .build();
    }

    /** The first word of a command, as an action id may spell it: {@code extend}, {@code down}. */
    private static String verb(String command) {
        String word = command.split(" ", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        word = word.length() > VERB_MAX ? word.substring(0, VERB_MAX) : word;
        return word.isEmpty() ? "command" : word;
    }

    /** The id itself, or with {@code -2}, {@code -3} ... when the message already has it. */
    private String unique(String actionId) {
        String id = actionId;
        for (int n = 2; !actionIds.add(id); n++) {
            id = actionId + "-" + n;
        }
        return id;
    }

    /** {@code preview}, {@code logs}, {@code metrics}, {@code pull-request}. */
    private static String kindId(LinkKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String defaultLabel(LinkKind kind) {
        return switch (kind) {
            case PREVIEW -> "Open preview";
            case LOGS -> "Logs";
            case METRICS -> "Metrics";
            case PULL_REQUEST -> "Pull request";
        };
    }

    private static PlainTextObject plain(String text, String fallback) {
        return plain(text, fallback, LABEL_MAX);
    }

    private static PlainTextObject plain(String text, String fallback, int max) {
        return PlainTextObject.builder().text(SlackMarkup.plain(text, max, fallback)).emoji(true).build();
    }
}
