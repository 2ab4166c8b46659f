package dev.runbot.bot.github.work;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.Dispatcher;
import dev.runbot.bot.dispatch.Permission;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.LastCommand;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.bot.github.notify.GitHubNotices;
import dev.runbot.bot.github.webhook.PullRequestChange;
import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.commands.Command;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.config.PreviewConfig.AutoDeploy;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a pull request's life under its repository's {@code autoDeploy} policy: deploy when it
 * opens or gets the label, redeploy at the new head on a push, destroy when it closes or loses
 * the label. Code from forks is never deployed without someone with write access asking.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class PullRequestEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestEventHandler.class);

    private final EnvironmentService environments;
    private final PreviewConfigSource configs;
    private final Dispatcher dispatcher;
    private final PullRequestThreads threads;
    private final GitHubNotices notices;
    private final Clock clock;

    PullRequestEventHandler(EnvironmentService environments, PreviewConfigSource configs, Dispatcher dispatcher,
                            PullRequestThreads threads, GitHubNotices notices, Clock clock) {
        this.environments = environments;
        this.configs = configs;
        this.dispatcher = dispatcher;
        this.threads = threads;
        this.notices = notices;
        this.clock = clock;
    }

    public void handle(PullRequestChange change) {
        PullRequestRef pullRequest = QueuedMessages.pullRequest(change.repository(), change.pullRequest());
        Optional<Environment> live = environments.live(pullRequest);
        switch (change.action()) {
            case "closed" -> live.ifPresent(environment -> run(change, pullRequest, Command.of(Verb.DOWN, pullRequest)));
            case "synchronize" -> live.ifPresent(environment -> redeploy(change, pullRequest, environment));
            case "opened", "reopened" -> policy(change, pullRequest).filter(config -> wantsDeploy(config, change))
                    .ifPresent(config -> deploy(change, pullRequest));
            case "labeled" -> policy(change, pullRequest).filter(config -> isPreviewLabel(config, change))
                    .ifPresent(config -> deploy(change, pullRequest));
            case "unlabeled" -> policy(change, pullRequest).filter(config -> isPreviewLabel(config, change))
                    .filter(config -> live.isPresent())
                    .ifPresent(config -> run(change, pullRequest, Command.of(Verb.DOWN, pullRequest)));
            default -> LOG.debug("pull request {} {}: nothing to do", pullRequest, change.action());
        }
    }

    /** A push: the environment follows the new head, keeping its TTL and {@code --set} values. */
    private void redeploy(PullRequestChange change, PullRequestRef pullRequest, Environment environment) {
        if (change.fork()) {
            note(change, pullRequest, "push " + sha7(change.headSha()), Reply.message(Outcome.INFO,
                    "New commits on a fork are not deployed automatically.", "Someone with write access to "
                            + pullRequest.repository() + " can comment \"/preview up\" to deploy "
                            + sha7(change.headSha()) + "."));
            return;
        }
        Command up = new Command(Verb.UP, Optional.of(pullRequest), Optional.of(environment.ttl()),
                environment.overrides(), Optional.empty(), Optional.empty());
        run(change, pullRequest, up);
    }

    private void deploy(PullRequestChange change, PullRequestRef pullRequest) {
        if (change.fork()) {
            note(change, pullRequest, change.action(), Reply.message(Outcome.INFO,
                    "Pull requests from forks are not deployed automatically.", "Someone with write access to "
                            + pullRequest.repository() + " can comment \"/preview up\" to deploy it."));
            return;
        }
        run(change, pullRequest, Command.of(Verb.UP, pullRequest));
    }

    private void run(PullRequestChange change, PullRequestRef pullRequest, Command command) {
        CommandContext context = new CommandContext(new Requester(change.sender(), Channel.GITHUB), Permission.WRITE,
                Optional.of(change.headSha()), Optional.of(change.headBranch()));
        Reply reply = dispatcher.dispatch(command, context);
        LOG.info("pull request {} {} by {} (delivery \"{}\"): {} {} - {}", pullRequest, change.action(),
                change.sender(), change.deliveryId(), command.verb().word(), reply.outcome(), reply.title());
        if (reply.outcome() != Outcome.DONE && reply.outcome() != Outcome.INFO) {
            // Nobody typed this, so nobody would see why it did not happen: the status comment says.
            note(change, pullRequest, describe(change), reply);
        }
    }

    private void note(PullRequestChange change, PullRequestRef pullRequest, String what, Reply reply) {
        threads.recordCommand(pullRequest, new LastCommand(what, change.sender(), clock.instant(), reply));
        notices.refresh(pullRequest);
    }

    /**
     * The repository's configuration, when there is one to decide by; without one nothing happens
     * by itself. One that cannot be read just now makes the change wait for GitHub.
     */
    private Optional<PreviewConfig> policy(PullRequestChange change, PullRequestRef pullRequest) {
        PreviewConfigLookup lookup = configs.find(pullRequest.repository());
        if (lookup instanceof PreviewConfigLookup.Found found) {
            return Optional.of(found.config());
        }
        if (lookup instanceof PreviewConfigLookup.Unavailable unavailable) {
            throw new SourceUnavailableException(unavailable.message(), null); // tried again later, not dropped
        }
        LOG.info("pull request {} {} (delivery \"{}\"): no automatic deploy: {}", pullRequest, change.action(),
                change.deliveryId(), lookup);
        return Optional.empty();
    }

    private static boolean wantsDeploy(PreviewConfig config, PullRequestChange change) {
        return config.autoDeploy() == AutoDeploy.ALWAYS
                || config.autoDeploy() == AutoDeploy.LABEL && change.labels().contains(config.label());
    }

    private static boolean isPreviewLabel(PreviewConfig config, PullRequestChange change) {
        return config.autoDeploy() == AutoDeploy.LABEL && config.label().equals(change.label());
    }

    private static String describe(PullRequestChange change) {
        return switch (change.action()) {
            case "synchronize" -> "push " + sha7(change.headSha());
            case "labeled" -> "label \"" + change.label() + "\" added";
            case "unlabeled" -> "label \"" + change.label() + "\" removed";
            default -> "pull request " + change.action();
        };
    }

    private static String sha7(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
