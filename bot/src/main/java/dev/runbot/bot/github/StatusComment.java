package dev.runbot.bot.github;

import static dev.runbot.bot.github.GitHubMarkdown.cellCode;
import static dev.runbot.bot.github.GitHubMarkdown.code;
import static dev.runbot.bot.github.GitHubMarkdown.inline;

import dev.runbot.bot.notify.Emoji;
import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Field;
import dev.runbot.commands.Reply.Link;
import dev.runbot.commands.Reply.LinkKind;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.lifecycle.Requester;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the one comment runbot keeps on each pull request and edits in place, so the state of
 * the preview environment and the answer to the last command are always in the same spot.
 */
public final class StatusComment {

    /** Hidden in the body; how runbot finds its comment again. */
    public static final String MARKER = "<!-- runbot:status -->";

    /** The longest body, far below GitHub's 65,535; long errors and answers are cut to fit. */
    public static final int LIMIT = 20_000;

    private static final String FOOTER =
            "<sub>Updated by runbot · edited in place, please do not edit · `/preview help` lists all commands</sub>";
    /** Shown as code, and after the fields developers look for first. */
    private static final Set<String> INFRASTRUCTURE_FIELDS = Set.of("Namespace", "Image");
    /**
     * The comment is edited only when something changes, so a countdown such as {@code (in 2d 3h)}
     * would go stale; the time itself stays.
     */
    private static final Pattern COUNTDOWN = Pattern.compile(" \\((in [^)]*|overdue)\\)$");
    private static final String URL_FIELD = "URL";
    private static final String ERROR_FIELD = "Last error";
    private static final String EXPIRES_FIELD = "Expires";

    /** Caps on each piece, so the pieces other than error and answer never crowd them out. */
    private static final int TITLE_MAX = 200;
    private static final int LABEL_MAX = 40;
    private static final int VALUE_MAX = 300;
    private static final int URL_MAX = 1_000;
    private static final int ROWS_MAX = 15;
    private static final int ACTIONS_MAX = 6;
    private static final int NOTE_MAX = 1_000;
    private static final int COMMAND_MAX = 200;
    private static final int ERROR_MAX = 8_000;
    private static final int ANSWER_MAX = 8_000;
    /** Answers longer than this, or with more lines, fold into a details block. */
    private static final int SHORT_ANSWER = 300;
    private static final int SHORT_ANSWER_LINES = 3;

    private StatusComment() {
    }

    /**
     * The comment's Markdown body: the environment (or that there is none) and the last command's
     * answer. Same inputs, same text; never longer than {@link #LIMIT}.
     */
    public static String render(PullRequestRef pullRequest, Optional<Reply> environment,
                                Optional<LastCommand> lastCommand) {
        int room = LIMIT - 100 - compose(pullRequest, environment, lastCommand, 0, 0).length();
        int budget = Math.max(0, room / 2);
        return compose(pullRequest, environment, lastCommand, Math.min(ERROR_MAX, budget),
                Math.min(ANSWER_MAX, budget));
    }

    private static String compose(PullRequestRef pullRequest, Optional<Reply> environment,
                                  Optional<LastCommand> lastCommand, int errorMax, int answerMax) {
        List<String> blocks = new ArrayList<>();
        blocks.add(MARKER);
        environment.ifPresentOrElse(reply -> blocks.addAll(environment(reply, errorMax)),
                () -> blocks.addAll(noEnvironment(pullRequest)));
        lastCommand.ifPresent(last -> blocks.addAll(lastCommand(last, answerMax)));
        blocks.add(FOOTER);
        return String.join("\n\n", blocks) + "\n";
    }

    private static List<String> noEnvironment(PullRequestRef pullRequest) {
        return List.of(heading("💤", pullRequest + " has no preview environment"),
                "Comment " + code("/preview up", COMMAND_MAX) + " to create one.");
    }

    private static List<String> environment(Reply reply, int errorMax) {
        List<String> blocks = new ArrayList<>();
        blocks.add(heading(Emoji.state(reply.state().orElse("")), reply.title()));
        blocks.add(table(reply));
        if (!reply.text().isBlank()) {
            blocks.add(GitHubMarkdown.prose(reply.text(), NOTE_MAX));
        }
        reply.fields().stream().filter(field -> field.label().equals(ERROR_FIELD)).findFirst()
                .ifPresent(error -> blocks.add("<details><summary>Last error</summary>\n\n"
                        + GitHubMarkdown.codeBlock(error.value(), errorMax) + "\n\n</details>"));
        if (!reply.actions().isEmpty()) {
            blocks.add("**What you can do:** " + reply.actions().stream().limit(ACTIONS_MAX)
                    .map(action -> code("/preview " + action.command(), COMMAND_MAX))
                    .collect(Collectors.joining(" · ")));
        } else if (reply.state().filter("destroyed"::equals).isPresent()) {
            blocks.add("Comment " + code("/preview up", COMMAND_MAX) + " to create it again.");
        }
        return blocks;
    }

    /** A heading; a {@code #} at its end is escaped, or Markdown would take it for a closing sequence. */
    private static String heading(String emoji, String title) {
        String text = inline(title, TITLE_MAX);
        return "### " + emoji + " " + (text.endsWith("#") ? text.substring(0, text.length() - 1) + "\\#" : text);
    }

    /**
     * Two columns: the reply's fields in order, the Grafana links right after the URL, namespace
     * and image last. A head sha is plain text, which GitHub links to the commit.
     */
    private static String table(Reply reply) {
        List<String> rows = new ArrayList<>();
        List<String> observability = reply.links().stream()
                .filter(link -> link.kind() == LinkKind.LOGS || link.kind() == LinkKind.METRICS)
                .map(link -> row(link.label(), GitHubMarkdown.cellLink("Open in Grafana", link.url(), URL_MAX)))
                .toList();
        List<Field> fields = reply.fields().stream().filter(field -> !field.label().equals(ERROR_FIELD))
                .sorted(Comparator.comparing((Field field) -> INFRASTRUCTURE_FIELDS.contains(field.label()))).toList();
        int more = Math.max(0, fields.size() - ROWS_MAX);
        boolean linked = false;
        for (Field field : fields.subList(0, fields.size() - more)) {
            if (field.label().equals(URL_FIELD)) {
                rows.add(row("Preview", preview(reply, field.value())));
                rows.addAll(observability);
                linked = true;
            } else if (INFRASTRUCTURE_FIELDS.contains(field.label())) {
                rows.add(row(field.label(), cellCode(field.value(), VALUE_MAX)));
            } else {
                String value = field.label().equals(EXPIRES_FIELD)
                        ? COUNTDOWN.matcher(field.value()).replaceFirst("") : field.value();
                rows.add(row(field.label(), inline(value, VALUE_MAX)));
            }
        }
        if (!linked) {
            rows.addAll(observability);
        }
        if (more > 0) {
            rows.add(row("…", more + " more"));
        }
        return "| | |\n|:--|:--|\n" + String.join("\n", rows);
    }

    private static String row(String label, String value) {
        return "| **" + inline(label, LABEL_MAX) + "** | " + value + " |";
    }

    /** A link while the environment serves it; once it is gone, the address only, not a dead link. */
    private static String preview(Reply reply, String url) {
        return reply.links().stream().filter(link -> link.kind() == LinkKind.PREVIEW).findFirst()
                .map(Link::url)
                .map(address -> GitHubMarkdown.cellLink(address.replaceFirst("^https?://", ""), address, URL_MAX))
                .orElseGet(() -> cellCode(url, VALUE_MAX));
    }

    private static List<String> lastCommand(LastCommand last, int answerMax) {
        Reply reply = last.reply();
        // Typed commands start with their prefix; anything else is something that happened (a push, a warning).
        boolean typed = last.text().startsWith("/") || last.text().startsWith("@");
        String ran = typed
                ? "**Last command:** " + GitHubMarkdown.mention(last.by()) + " ran " + code(last.text(), COMMAND_MAX)
                        + " · " + Messages.time(last.at())
                : "**Last event:** " + inline(last.text(), COMMAND_MAX) + by(last.by()) + " · " + Messages.time(last.at());
        String title = Emoji.outcome(reply.outcome()) + " **" + inline(reply.title(), TITLE_MAX) + "**";
        String text = GitHubMarkdown.clean(reply.text()).strip();
        if (text.isEmpty()) {
            return List.of("---", ran, title);
        }
        String answer = GitHubMarkdown.prose(text, answerMax);
        if (text.length() <= SHORT_ANSWER && text.lines().count() <= SHORT_ANSWER_LINES) {
            return List.of("---", ran, title + "\\\n" + answer);
        }
        return List.of("---", ran, title, "<details><summary>Show the answer</summary>\n\n" + answer + "\n\n</details>");
    }

    /** Who caused an event; runbot's own doings (a warning, an expiry) name nobody. */
    private static String by(String login) {
        return Requester.RUNBOT.name().equals(login) ? "" : " (" + GitHubMarkdown.mention(login) + ")";
    }
}
