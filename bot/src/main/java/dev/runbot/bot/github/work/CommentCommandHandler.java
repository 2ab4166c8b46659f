package dev.runbot.bot.github.work;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.Dispatcher;
import dev.runbot.bot.dispatch.Permission;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.LastCommand;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.PullRequestInfo;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.bot.github.Reaction;
import dev.runbot.bot.github.notify.GitHubNotices;
import dev.runbot.bot.github.webhook.CommentCommand;
import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.commands.Command;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.ParseResult;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command typed in a pull request comment: 👀 on receipt, the commenter's permission
 * from GitHub, the pull request's head for {@code up}, the dispatcher, then the answer in the
 * status comment and 🚀 or 😕 on the command. A GitHub outage before the command ran throws a
 * retryable {@link GitHubException}, and the whole command is tried again later.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class CommentCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommentCommandHandler.class);

    private final PullRequestHost host;
    private final PreviewConfigSource configs;
    private final CommandParser parser;
    private final Dispatcher dispatcher;
    private final GitHubSettings settings;
    private final PullRequestThreads threads;
    private final GitHubNotices notices;
    private final Clock clock;

    CommentCommandHandler(PullRequestHost host, PreviewConfigSource configs, CommandParser parser,
                          Dispatcher dispatcher, GitHubSettings settings, PullRequestThreads threads,
                          GitHubNotices notices, Clock clock) {
        this.host = host;
        this.configs = configs;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.threads = threads;
        this.notices = notices;
        this.clock = clock;
    }

    public void handle(CommentCommand comment) {
        PullRequestRef pullRequest = QueuedMessages.pullRequest(comment.repository(), comment.pullRequest());
        ParseResult parsed = parser.parseComment(comment.body(), pullRequest);
        if (parsed instanceof ParseResult.Ignored) {
            LOG.warn("comment {} on {} (delivery \"{}\") holds no command after all; nothing done",
                    comment.commentId(), pullRequest, comment.deliveryId());
            return;
        }
        Reply reply;
        if (parsed instanceof ParseResult.Parsed command) {
            Prepared prepared = prepare(command.command(), comment, pullRequest);
            notices.react(pullRequest.repository(), comment.commentId(), Reaction.EYES);
            reply = prepared.answer().orElseGet(() -> dispatcher.dispatch(command.command(), prepared.context()));
        } else {
            notices.react(pullRequest.repository(), comment.commentId(), Reaction.EYES);
            reply = ((ParseResult.Answer) parsed).reply();
        }
        String line = parser.commandLine(comment.body()).orElse("");
        LOG.info("\"{}\" by {} on {} (delivery \"{}\"): {} - {}", line, comment.author(), pullRequest,
                comment.deliveryId(), reply.outcome(), reply.title());
        threads.recordCommand(pullRequest, new LastCommand(line, comment.author(), clock.instant(), reply));
        notices.react(pullRequest.repository(), comment.commentId(), succeeded(reply) ? Reaction.ROCKET
                : Reaction.CONFUSED);
        notices.refresh(pullRequest);
    }

    /**
     * What GitHub must say before the command can run: the commenter's permission and, for
     * {@code up}, the pull request and a readable {@code .preview.yaml} (missing or invalid is an
     * answer; unreadable is not). Asked before anything is shown or changed, so a GitHub outage
     * here (a retryable exception) leaves nothing behind when the command is tried again.
     */
    private Prepared prepare(Command command, CommentCommand comment, PullRequestRef pullRequest) {
        GitHubRole role;
        Optional<PullRequestInfo> info = Optional.empty();
        try {
            role = host.permission(pullRequest.repository(), comment.author());
            if (command.verb() == Verb.UP && settings.permission(role).allows(Permission.WRITE)) {
                info = Optional.of(host.pullRequest(pullRequest));
                if (configs.find(pullRequest.repository()) instanceof PreviewConfigLookup.Unavailable unavailable) {
                    throw new SourceUnavailableException(unavailable.message(), null);
                }
            }
        } catch (GitHubException e) {
            if (e.retryable()) {
                throw e;
            }
            return new Prepared(Optional.of(Reply.message(Outcome.ERROR, "runbot could not ask GitHub about "
                    + pullRequest + ".", "GitHub answered: " + e.getMessage() + ". Check that runbot's GitHub App is"
                    + " installed on " + pullRequest.repository() + " with the permissions runbot's README lists.")),
                    null);
        }
        Optional<Reply> refusal = info.flatMap(pr -> pr.refusesUp(role, comment.author()));
        CommandContext context = new CommandContext(new Requester(comment.author(), Channel.GITHUB),
                settings.permission(role), info.map(PullRequestInfo::headSha), info.map(PullRequestInfo::headBranch));
        return new Prepared(refusal, context);
    }

    /** An answer that stops the command before it runs, or the context it runs in. */
    private record Prepared(Optional<Reply> answer, CommandContext context) {
    }

    private static boolean succeeded(Reply reply) {
        return reply.outcome() == Outcome.DONE || reply.outcome() == Outcome.INFO;
    }
}
