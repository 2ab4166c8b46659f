package dev.runbot.bot.slack.work;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.Dispatcher;
import dev.runbot.bot.dispatch.Permission;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.PullRequestInfo;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackSettings;
import dev.runbot.bot.slack.events.SlackCommand;
import dev.runbot.bot.slack.notify.SlackNotices;
import dev.runbot.commands.Command;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.ParseResult;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Reply;
import dev.runbot.commands.RepositoryName;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code /preview} command or button press from Slack through the same parser and
 * dispatcher as every other channel, then answers the person through the request's
 * {@code response_url}. With GitHub configured it deploys the pull request's head and, when
 * {@code runbot.slack.github-permissions} is on, applies the same repository permissions as on GitHub.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackCommandHandler.class);

    private final CommandParser parser;
    private final Dispatcher dispatcher;
    private final SlackSettings settings;
    private final SlackAccess access;
    private final SlackNotices notices;
    private final Optional<PullRequestHost> github;
    private final GitHubSettings githubSettings;

    SlackCommandHandler(CommandParser parser, Dispatcher dispatcher, SlackSettings settings, SlackAccess access,
                        SlackNotices notices, Optional<PullRequestHost> github, GitHubSettings githubSettings) {
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.access = access;
        this.notices = notices;
        this.github = github;
        this.githubSettings = githubSettings;
    }

    public void handle(SlackCommand command) {
        Optional<RepositoryName> channelRepository = Optional.ofNullable(command.channelId())
                .map(id -> settings.channelRepositories().get(id.toUpperCase(java.util.Locale.ROOT))).flatMap(RepositoryName::parse);
        ParseResult parsed = parser.parseSlash(command.text(), channelRepository);
        Optional<PullRequestRef> target = parsed instanceof ParseResult.Parsed typed ? typed.command().target()
                : Optional.empty();
        try (LogContext context = target.map(LogContext::pullRequest).orElseGet(LogContext::none)) {
            answer(command, parsed);
        }
    }

    private void answer(SlackCommand command, ParseResult parsed) {
        Reply reply;
        if (parsed instanceof ParseResult.Parsed typed) {
            reply = run(typed.command(), command);
        } else if (parsed instanceof ParseResult.Answer answer) {
            reply = answer.reply();
        } else {
            reply = Reply.invalid("There is no command in \"" + command.text() + "\". Try /preview help.");
        }
        LOG.info("\"{}\" by {} in {} (Slack trigger \"{}\"): {} - {}", command.text(), command.userId(),
                command.channelId(), command.triggerId(), reply.outcome(), reply.title());
        notices.answer(command.responseUrl(), reply);
    }

    private Reply run(Command command, SlackCommand request) {
        Optional<Reply> refused = access.refusal(command.verb(), request.userId(), request.channelId());
        if (refused.isPresent()) {
            return refused.get();
        }
        String login = Optional.ofNullable(settings.users().get(request.userId())).orElse(request.userName());
        Requester requester = new Requester(login == null ? request.userId() : login, Channel.SLACK);
        Permission permission = Permission.WRITE;
        Optional<PullRequestInfo> info = Optional.empty();
        Optional<PullRequestRef> target = command.target();
        if (github.isPresent() && target.isPresent()) {
            try {
                GitHubRole role = role(target.get().repository(), request.userId());
                permission = githubSettings.permission(role);
                if (command.verb() == Verb.UP && permission.allows(Permission.WRITE)) {
                    info = Optional.of(github.get().pullRequest(target.get()));
                    Optional<Reply> refusal = info.get().refusesUp(role, requester.name());
                    if (refusal.isPresent()) {
                        return refusal.get();
                    }
                }
            } catch (GitHubException e) {
                if (e.retryable()) {
                    throw e;
                }
                if (e.notFound()) {
                    return Reply.message(Outcome.NOT_FOUND, "There is no pull request " + target.get() + " on GitHub"
                            + " that runbot can see.", "Check the repository and number, e.g. /preview up acme/shop#42.");
                }
                return Reply.message(Outcome.ERROR, "runbot could not ask GitHub about " + target.get() + ".",
                        "GitHub answered: " + e.getMessage());
            }
        }
        CommandContext context = new CommandContext(requester, permission, info.map(PullRequestInfo::headSha),
                info.map(PullRequestInfo::headBranch));
        return dispatcher.dispatch(command, context);
    }

    /**
     * The person's permission on the repository when runbot checks it for Slack users too: their
     * mapped GitHub login's, and read-only for people without one. Otherwise everyone may write.
     */
    private GitHubRole role(RepositoryName repository, String userId) {
        if (!settings.githubPermissions()) {
            return GitHubRole.ADMIN;
        }
        String login = settings.users().get(userId);
        return login == null ? GitHubRole.READ : github.orElseThrow().permission(repository, login);
    }

}
