package dev.runbot.bot.github.webhook;

import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.webhook.GitHubPayloads.IssueCommentEvent;
import dev.runbot.bot.github.webhook.GitHubPayloads.Label;
import dev.runbot.bot.github.webhook.GitHubPayloads.PullRequestEvent;
import dev.runbot.bot.github.webhook.GitHubPayloads.Repository;
import dev.runbot.bot.github.webhook.GitHubPayloads.User;
import dev.runbot.bot.github.webhook.WebhookVerdict.Answer;
import dev.runbot.bot.github.webhook.WebhookVerdict.Work;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.ParseResult;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from a verified delivery alone and without calling anyone, what a GitHub webhook asks
 * of runbot: nothing (answered at once), or a comment command or pull request change to queue.
 */
@Singleton
public class WebhookReader {

    static final int OK = 200;
    static final int NO_CONTENT = 204;
    static final int BAD_REQUEST = 400;
    static final int FORBIDDEN = 403;
    private static final Set<String> PULL_REQUEST_ACTIONS = Set.of("opened", "reopened", "labeled", "unlabeled",
            "synchronize", "closed");

    private final JsonMapper json;
    private final CommandParser parser;
    private final GitHubSettings settings;

    WebhookReader(JsonMapper json, CommandParser parser, GitHubSettings settings) {
        this.json = json;
        this.parser = parser;
        this.settings = settings;
    }

    /** @param event {@code X-GitHub-Event}; {@code deliveryId} {@code X-GitHub-Delivery} */
    public WebhookVerdict read(String event, String deliveryId, byte[] body) {
        if (event == null || event.isBlank()) {
            return new Answer(BAD_REQUEST, "The delivery has no X-GitHub-Event header.");
        }
        return switch (event) {
            case "ping" -> new Answer(OK, "pong");
            case "issue_comment" -> parse(body, IssueCommentEvent.class)
                    .map(payload -> comment(payload, deliveryId))
                    .orElseGet(() -> notJson(event));
            case "pull_request" -> parse(body, PullRequestEvent.class)
                    .map(payload -> pullRequest(payload, deliveryId))
                    .orElseGet(() -> notJson(event));
            default -> new Answer(NO_CONTENT, "runbot does not act on \"" + event + "\" events.");
        };
    }

    private WebhookVerdict comment(IssueCommentEvent payload, String deliveryId) {
        if (!"created".equals(payload.action())) {
            return new Answer(NO_CONTENT, "runbot acts on new comments only, not on \"" + payload.action() + "\" ones.");
        }
        Optional<RepositoryName> repository = repository(payload.repository());
        if (repository.isEmpty()) {
            return wrongShape("issue_comment", "repository.full_name");
        }
        if (payload.issue() == null || payload.issue().number() == null) {
            return wrongShape("issue_comment", "issue.number");
        }
        if (payload.comment() == null || payload.comment().id() == null || login(payload.comment().user()) == null) {
            return wrongShape("issue_comment", "comment.id and comment.user.login");
        }
        if (payload.issue().pullRequest() == null) {
            return new Answer(NO_CONTENT, "The comment is on an issue, not a pull request; runbot ignores it.");
        }
        User author = payload.comment().user();
        if (isBot(author)) {
            return new Answer(NO_CONTENT, "The comment is by a bot (" + author.login() + "); runbot ignores it.");
        }
        PullRequestRef pullRequest = new PullRequestRef(repository.get(), payload.issue().number());
        String body = Objects.toString(payload.comment().body(), "");
        if (parser.parseComment(body, pullRequest) instanceof ParseResult.Ignored) {
            return new Answer(NO_CONTENT, "The comment holds no runbot command.");
        }
        Optional<Answer> refused = allowed(repository.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        CommentCommand command = new CommentCommand(deliveryId, repository.get().toString(), pullRequest.number(),
                payload.comment().id(), author.login(), body);
        return new Work(repository.get(), CommentCommand.KIND, command, "comment " + payload.comment().id() + " by "
                + author.login() + " on " + pullRequest);
    }

    private WebhookVerdict pullRequest(PullRequestEvent payload, String deliveryId) {
        String action = payload.action();
        if (action == null || !PULL_REQUEST_ACTIONS.contains(action)) {
            return new Answer(NO_CONTENT, "runbot does not act on pull requests being \"" + action + "\".");
        }
        Optional<RepositoryName> repository = repository(payload.repository());
        if (repository.isEmpty()) {
            return wrongShape("pull_request", "repository.full_name");
        }
        GitHubPayloads.PullRequest pr = payload.pullRequest();
        Integer number = payload.number() != null ? payload.number() : pr == null ? null : pr.number();
        if (pr == null || number == null || pr.head() == null || pr.head().sha() == null || login(payload.sender()) == null) {
            return wrongShape("pull_request", "number, pull_request.head.sha and sender.login");
        }
        Optional<Answer> refused = allowed(repository.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        // A deleted fork has no head repository: it is still a fork, and never the base.
        Optional<RepositoryName> head = pr.head().repo() == null ? Optional.empty() : repository(pr.head().repo());
        boolean fork = head.map(name -> !name.key().equals(repository.get().key())).orElse(true);
        List<String> labels = pr.labels() == null ? List.of() : pr.labels().stream().map(Label::name)
                .filter(Objects::nonNull).toList();
        String label = payload.label() == null ? null : payload.label().name();
        PullRequestChange change = new PullRequestChange(deliveryId, action, repository.get().toString(), number,
                payload.sender().login(), pr.head().sha(), Objects.toString(pr.head().ref(), ""), fork, labels, label,
                Boolean.TRUE.equals(pr.merged()));
        return new Work(repository.get(), PullRequestChange.KIND, change, "pull request " + repository.get() + "#"
                + number + " " + action + " by " + payload.sender().login());
    }

    private Optional<Answer> allowed(RepositoryName repository) {
        if (settings.allows(repository)) {
            return Optional.empty();
        }
        return Optional.of(new Answer(FORBIDDEN, repository + " is not one of the repositories runbot serves"
                + " (runbot.github.allowed); the delivery changes nothing."));
    }

    /** GitHub Apps' accounts are of type Bot; with token auth runbot comments as the configured login. */
    private boolean isBot(User user) {
        String login = user.login().toLowerCase(Locale.ROOT);
        String self = settings.botLogin().strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        return "bot".equalsIgnoreCase(user.type()) || login.endsWith("[bot]") || login.equals(self)
                || login.equals(self + "[bot]");
    }

    private <T> Optional<T> parse(byte[] body, Class<T> type) {
        try {
            return Optional.ofNullable(json.readValue(body, Argument.of(type)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<RepositoryName> repository(Repository repository) {
        return repository == null ? Optional.empty() : RepositoryName.parse(Objects.toString(repository.fullName(), ""));
    }

    private static String login(User user) {
        return user == null || user.login() == null || user.login().isBlank() ? null : user.login();
    }

    private static Answer notJson(String event) {
        return new Answer(BAD_REQUEST, "The body of the \"" + event + "\" delivery is not a JSON object.");
    }

    private static Answer wrongShape(String event, String fields) {
        return new Answer(BAD_REQUEST, "The \"" + event + "\" payload lacks " + fields
                + "; runbot reads GitHub's payload shape.");
    }
}
