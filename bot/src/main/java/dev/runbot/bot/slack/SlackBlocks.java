package dev.runbot.bot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.runbot.bot.notify.Emoji;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Field;
import dev.runbot.commands.Reply.LinkKind;
import dev.runbot.commands.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders everything runbot shows in Slack as Block Kit, from the channel-neutral {@link Reply},
 * so that the channel message, command answers and thread replies look alike and always fit
 * Slack's limits. Pure: same inputs, same blocks.
 */
public final class SlackBlocks {

    /** Every button's {@code action_id} starts with this; a command button's is {@code runbot:<verb>}. */
    public static final String ACTION_PREFIX = "runbot:";
    /** The {@code action_id} prefix of buttons that only open a link ({@code runbot:open:preview}). */
    public static final String OPEN_PREFIX = ACTION_PREFIX + "open:";

    /** Slack's limits: blocks per message, characters per text object, header and field text. */
    static final int BLOCKS_MAX = 50;
    static final int TEXT_MAX = 3_000;
    static final int HEADER_MAX = 150;
    static final int FIELDS_PER_SECTION = 10;
    static final int FIELD_MAX = 2_000;

    /** runbot's own caps, so one piece never crowds out the rest. */
    private static final int TITLE_MAX = 300;
    private static final int LABEL_MAX = 100;
    private static final int FALLBACK_MAX = 500;
    private static final int COMMAND_MAX = 300;
    private static final int ENVIRONMENT_FIELD_SECTIONS = 2;
    private static final int ANSWER_TEXT_SECTIONS = 4;

    private static final String STATE_FIELD = "State";
    private static final String URL_FIELD = "URL";
    private static final String ERROR_FIELD = "Last error";
    private static final String EXPIRES_FIELD = "Expires";
    private static final String NAMESPACE_FIELD = "Namespace";
    /** Shown as code, and after the fields people look for first. */
    private static final Set<String> INFRASTRUCTURE_FIELDS = Set.of(NAMESPACE_FIELD, "Image");
    private static final Set<String> CODE_FIELDS = Set.of(NAMESPACE_FIELD, "Image", "Head");
    /** The channel message is edited only when something changes, so a countdown would go stale; the time stays. */
    private static final Pattern COUNTDOWN = Pattern.compile(" \\((in [^)]*|overdue)\\)$");
    private static final String IN_PLACE_NOTE =
            "runbot keeps this message up to date; each change is in its thread · `/preview help` lists all commands";

    private SlackBlocks() {
    }

    /** The one message per environment in the repository's channel, updated in place. */
    public static SlackMessage environment(PullRequestRef pullRequest, Optional<String> pullRequestTitle,
                                           Reply status) {
        String prTitle = pullRequestTitle.map(SlackMarkup::clean).map(String::strip).orElse("");
        String heading = pullRequest + (prTitle.isEmpty() ? "" : " · " + prTitle);
        boolean destroyed = status.state().filter("destroyed"::equals).isPresent();
        String emoji = Emoji.state(status.state().orElse(""));

        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder()
                .text(PlainTextObject.builder().text(SlackMarkup.plain(heading, HEADER_MAX, pullRequest.toString()))
                        .emoji(true).build())
                .build());
        String state = emoji + " " + bold(status.title(), pullRequest.toString());
        String again = destroyed
                ? "\nUse " + SlackMarkup.code("/preview up " + pullRequest, COMMAND_MAX) + " to create it again." : "";
        String note = SlackMarkup.prose(status.text(), TEXT_MAX - state.length() - again.length() - 1, 1).stream()
                .map(text -> "\n" + text).findFirst().orElse("");
        blocks.add(section(state + note + again));

        Fields fields = Fields.of(status, true, ENVIRONMENT_FIELD_SECTIONS);
        blocks.addAll(fields.sections());
        fields.error().ifPresent(blocks::add);

        if (!destroyed) {
            Optional<String> namespace = status.fields().stream().filter(field -> field.label().equals(NAMESPACE_FIELD))
                    .map(Field::value).findFirst();
            List<BlockElement> buttons = new SlackButtons().links(status.links())
                    .actions(status.actions(), pullRequest, namespace).elements();
            if (!buttons.isEmpty()) {
                blocks.add(ActionsBlock.builder().elements(buttons).build());
            }
        }
        int hidden = fields.count() - fields.texts().size();
        String cut = hidden > 0 ? SlackMarkup.cutNote(hidden, "fields") + " · " : "";
        blocks.add(context(cut + IN_PLACE_NOTE));

        String fallback = emoji + " " + status.title() + (prTitle.isEmpty() ? "" : " · " + prTitle);
        return new SlackMessage(SlackMarkup.inline(fallback, FALLBACK_MAX), blocks);
    }

    /**
     * The answer to a command (slash command via {@code response_url}, or a button): any Reply, e.g.
     * errors, help, list, an environment. Its links are buttons; its actions are not, because a
     * Reply does not name its pull request (the channel message has those buttons).
     */
    public static SlackMessage answer(Reply reply) {
        String emoji = Emoji.outcome(reply.outcome());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(emoji + " " + bold(reply.title(), "runbot")));
        SlackMarkup.prose(reply.text(), TEXT_MAX, ANSWER_TEXT_SECTIONS).forEach(text -> blocks.add(section(text)));

        boolean hasError = reply.fields().stream().anyMatch(field -> field.label().equals(ERROR_FIELD));
        List<BlockElement> buttons = new SlackButtons().links(reply.links()).elements();
        int room = BLOCKS_MAX - blocks.size() - (hasError ? 1 : 0) - (buttons.isEmpty() ? 0 : 1) - 1;
        Fields fields = Fields.of(reply, false, room);
        blocks.addAll(fields.sections());
        fields.error().ifPresent(blocks::add);
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().elements(buttons).build());
        }
        int hidden = fields.count() - fields.texts().size();
        if (hidden > 0) {
            blocks.add(context(SlackMarkup.cutNote(hidden, "entries")));
        }
        return new SlackMessage(SlackMarkup.inline(emoji + " " + reply.title(), FALLBACK_MAX), blocks);
    }

    /**
     * A thread reply under the environment message for one change, e.g. "🚀 Redeployed by octocat",
     * with a detail line (the reason of a failure, the new expiry).
     */
    public static SlackMessage change(String headline, String detail) {
        String head = bold(headline, "Changed");
        String text = SlackMarkup.prose(detail, TEXT_MAX - head.length() - 1, 1).stream()
                .map(line -> head + "\n" + line).findFirst().orElse(head);
        return new SlackMessage(head.substring(1, head.length() - 1), List.of(section(text)));
    }

    /**
     * The immediate ephemeral acknowledgement of a slash command: "Working on `/preview up acme/shop#42`…".
     * {@code commandText} is the command as typed, with or without {@code /preview}, not Slack-escaped.
     */
    public static SlackMessage working(String commandText) {
        String typed = SlackMarkup.clean(commandText).replaceAll("\\s+", " ").strip();
        String command = typed.startsWith("/preview") ? typed : ("/preview " + typed).strip();
        return new SlackMessage("Working on " + SlackMarkup.inline(command, COMMAND_MAX) + "…",
                List.of(section("Working on " + SlackMarkup.code(command, COMMAND_MAX) + "…")));
    }

    /** Whether a pressed button runs a command (its {@code value} is then the slash command text), not only a link. */
    public static boolean runsCommand(String actionId) {
        return actionId != null && actionId.startsWith(ACTION_PREFIX) && !actionId.startsWith(OPEN_PREFIX);
    }

    /** A title in bold on one line; {@code fallback} when it is blank, as {@code **} would show as it is. */
    private static String bold(String title, String fallback) {
        String text = SlackMarkup.inline(title, TITLE_MAX);
        return "*" + (text.isEmpty() ? SlackMarkup.inline(fallback, TITLE_MAX) : text) + "*";
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(mrkdwn(mrkdwn)).build();
    }

    private static ContextBlock context(String mrkdwn) {
        return ContextBlock.builder().elements(List.of(mrkdwn(mrkdwn))).build();
    }

    /** Verbatim: Slack adds no links or mentions of its own; the only links are the ones written. */
    static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }

    /** A reply's fields as section fields, ten to a section, and its last error as a code block of its own. */
    private record Fields(List<TextObject> texts, Optional<SectionBlock> error, int count) {

        /**
         * At most {@code sections} sections' worth; {@code inPlace}: for the channel message, without
         * the state its title already says and without a countdown that would go stale.
         */
        static Fields of(Reply reply, boolean inPlace, int sections) {
            boolean served = reply.links().stream().anyMatch(link -> link.kind() == LinkKind.PREVIEW);
            List<Field> shown = reply.fields().stream()
                    .filter(field -> !field.label().equals(ERROR_FIELD))
                    .filter(field -> !(inPlace && field.label().equals(STATE_FIELD)))
                    .sorted(Comparator.comparing((Field field) -> INFRASTRUCTURE_FIELDS.contains(field.label())))
                    .toList();
            List<TextObject> texts = shown.stream().limit((long) sections * FIELDS_PER_SECTION)
                    .map(field -> (TextObject) mrkdwn(field(field, inPlace, served)))
                    .toList();
            Optional<SectionBlock> error = reply.fields().stream().filter(field -> field.label().equals(ERROR_FIELD))
                    .findFirst().map(field -> section("*" + ERROR_FIELD + "*\n"
                            + SlackMarkup.codeBlock(field.value(), TEXT_MAX - ERROR_FIELD.length() - 3)));
            return new Fields(texts, error, shown.size());
        }

        List<SectionBlock> sections() {
            List<SectionBlock> sections = new ArrayList<>();
            for (int i = 0; i < texts.size(); i += FIELDS_PER_SECTION) {
                sections.add(SectionBlock.builder()
                        .fields(texts.subList(i, Math.min(texts.size(), i + FIELDS_PER_SECTION))).build());
            }
            return sections;
        }

        private static String field(Field field, boolean inPlace, boolean served) {
            String label = "*" + SlackMarkup.inline(field.label(), LABEL_MAX) + "*\n";
            int room = FIELD_MAX - label.length();
            String value = field.value() == null ? "" : field.value();
            if (inPlace && field.label().equals(EXPIRES_FIELD)) {
                value = COUNTDOWN.matcher(value).replaceFirst("");
            }
            boolean code = CODE_FIELDS.contains(field.label()) || (field.label().equals(URL_FIELD) && !served);
            String shown = code ? SlackMarkup.code(value, room) : SlackMarkup.inline(value, room);
            return label + (shown.isEmpty() ? "–" : shown);
        }
    }
}
