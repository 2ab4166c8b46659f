package dev.runbot.bot.github.work;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.Dispatcher;
import dev.runbot.bot.dispatch.Permission;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.PullRequestCheck;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.bot.github.SeenPullRequest;
import dev.runbot.commands.Command;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.Requester;
import dev.runbot.provisioner.reconcile.Leadership;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroys the environments whose pull request closed while runbot never heard the {@code closed}
 * webhook, which GitHub does not deliver again once it failed. Every
 * {@code runbot.reconcile.pr-check-interval} the leading replica asks GitHub, one pull request after
 * the other, about each environment that is meant to be up, sending the ETag of GitHub's last answer:
 * a pull request that did not change costs a 304, which GitHub does not count against the rate limit.
 * A closed one is destroyed through the dispatcher, as the webhook does it; one GitHub does not show
 * (404) is only logged, since a wrong token or a removed App must never destroy everything (the
 * TTL collects it). A rate limit ends the pass, as do {@value #FAILURE_STREAK} failures in a row;
 * otherwise one pull request's failure is logged and tried again on the next pass.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class ClosedPullRequestCheck {

    /** Failures in a row that say GitHub is down or refuses runbot altogether, ending the pass. */
    static final int FAILURE_STREAK = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ClosedPullRequestCheck.class);

    private final EnvironmentService environments;
    private final PullRequestHost host;
    private final PullRequestThreads threads;
    private final Dispatcher dispatcher;
    private final Leadership leadership;

    ClosedPullRequestCheck(EnvironmentService environments, PullRequestHost host, PullRequestThreads threads,
                           Dispatcher dispatcher, Leadership leadership) {
        this.environments = environments;
        this.host = host;
        this.threads = threads;
        this.dispatcher = dispatcher;
        this.leadership = leadership;
    }

    /**
     * What one pass did, for the log and the benchmark.
     *
     * @param checked   pull requests looked at: the sum of the five counts that follow
     * @param unchanged of those, answered 304 for a pull request last seen open
     * @param open      answered with a pull request that changed but is open
     * @param closed    found closed, and their environments destroyed
     * @param gone      answered 404; their environments were left alone
     * @param failed    no usable answer, or the destroy did not happen; tried again next pass
     * @param deferred  not asked at all, because a rate limit or a streak of failures ended the pass
     */
    public record Summary(int checked, int unchanged, int open, int closed, int gone, int failed, int deferred) {

        static final Summary NOT_LEADING = new Summary(0, 0, 0, 0, 0, 0, 0);
    }

    /** One pass over the environments meant to be up; nothing at all on a replica that does not lead. */
    @Scheduled(initialDelay = "${runbot.reconcile.pr-check-interval:5m}",
            fixedDelay = "${runbot.reconcile.pr-check-interval:5m}")
    public Summary pass() {
        if (!leadership.leading()) {
            return Summary.NOT_LEADING;
        }
        List<Environment> wanted = environments.list(Optional.empty()).stream()
                .filter(environment -> environment.desiredState() == DesiredState.UP)
                .toList();
        Tally tally = new Tally();
        int streak = 0;
        for (int i = 0; i < wanted.size(); i++) {
            Environment environment = wanted.get(i);
            PullRequestRef pullRequest = environment.pullRequestRef();
            // Every line about this environment names it, its repository and its pull request.
            try (LogContext context = LogContext.environment(environment)) {
                try {
                    tally.add(check(environment, pullRequest));
                    streak = 0;
                } catch (GitHubException e) {
                    tally.add(Result.FAILED);
                    streak++;
                    int left = wanted.size() - i - 1;
                    if (e.rateLimited()) {
                        LOG.warn("{}: GitHub's rate limit; {} for the next pass", e.getMessage(), waiting(left));
                        tally.deferred = left;
                        break;
                    }
                    LOG.warn("{}; the next pass tries again", e.getMessage());
                    if (streak >= FAILURE_STREAK) {
                        LOG.warn("GitHub failed {} times in a row; {} for the next pass", streak, waiting(left));
                        tally.deferred = left;
                        break;
                    }
                } catch (RuntimeException e) {
                    tally.add(Result.FAILED);
                    LOG.warn("checking \"{}\" of environment \"{}\" failed; the next pass tries again", pullRequest,
                            environment.name(), e);
                }
            }
        }
        Summary summary = tally.summary();
        String said = "pull request check: {} checked, {} unchanged, {} open, {} closed, {} not found, {} failed,"
                + " {} left for the next pass";
        Object[] counts = {summary.checked(), summary.unchanged(), summary.open(), summary.closed(), summary.gone(),
                summary.failed(), summary.deferred()};
        if (summary.closed() + summary.gone() + summary.failed() + summary.deferred() > 0) {
            LOG.info(said, counts);
        } else {
            LOG.debug(said, counts);
        }
        return summary;
    }

    private static String waiting(int left) {
        return left == 1 ? "1 pull request waits" : left + " pull requests wait";
    }

    private Result check(Environment environment, PullRequestRef pullRequest) {
        Optional<SeenPullRequest> seen = threads.seen(pullRequest);
        LOG.debug("checking \"{}\"{}", pullRequest, seen.isPresent() ? " with its last ETag" : "");
        PullRequestCheck answer = host.pullRequestIfChanged(pullRequest, seen.map(SeenPullRequest::etag));
        if (answer instanceof PullRequestCheck.Unchanged) {
            if (seen.map(SeenPullRequest::open).orElse(true)) {
                return Result.UNCHANGED;
            }
            // Still closed, as last seen: an environment was made for it since (the API asks GitHub nothing).
            return destroy(pullRequest, Optional.empty(), false) ? Result.CLOSED : Result.FAILED;
        }
        if (answer instanceof PullRequestCheck.Changed changed) {
            Optional<SeenPullRequest> now = changed.etag().map(etag -> new SeenPullRequest(etag, changed.open()));
            if (changed.open()) {
                threads.recordSeen(pullRequest, now);
                return Result.OPEN;
            }
            if (!destroy(pullRequest, Optional.of(changed.headSha()), changed.merged())) {
                return Result.FAILED; // nothing remembered: the next pass reads it in full and tries again
            }
            threads.recordSeen(pullRequest, now);
            return Result.CLOSED;
        }
        LOG.warn("GitHub shows no pull request \"{}\" (404): its environment \"{}\" stays until it expires. A wrong"
                + " token or an App no longer installed on {} would do this.", pullRequest, environment.name(),
                pullRequest.repository());
        return Result.GONE;
    }

    /** The closed webhook's path: {@code down} through the dispatcher, so everything that follows is the same. */
    private boolean destroy(PullRequestRef pullRequest, Optional<String> headSha, boolean merged) {
        String why = pullRequest + " was " + (merged ? "merged" : "closed") + " (found by the periodic check)";
        CommandContext context = new CommandContext(Requester.RUNBOT, Permission.WRITE, headSha, Optional.empty(),
                Optional.of(why));
        Reply reply = dispatcher.dispatch(Command.of(Verb.DOWN, pullRequest), context);
        boolean done = reply.outcome() == Outcome.DONE || reply.outcome() == Outcome.INFO
                || reply.outcome() == Outcome.NOT_FOUND;
        if (done) {
            LOG.info("{}: {} - {}", why, reply.outcome(), reply.title());
        } else {
            LOG.warn("{}, but destroying its environment did not happen: {} - {}; the next pass tries again", why,
                    reply.outcome(), reply.title());
        }
        return done;
    }

    private enum Result { UNCHANGED, OPEN, CLOSED, GONE, FAILED }

    /** Counts of one pass as it goes. */
    private static final class Tally {
        private final int[] counts = new int[Result.values().length];
        private int deferred;

        void add(Result result) {
            counts[result.ordinal()]++;
        }

        Summary summary() {
            int checked = 0;
            for (int count : counts) {
                checked += count;
            }
            return new Summary(checked, counts[Result.UNCHANGED.ordinal()], counts[Result.OPEN.ordinal()],
                    counts[Result.CLOSED.ordinal()], counts[Result.GONE.ordinal()], counts[Result.FAILED.ordinal()],
                    deferred);
        }
    }
}
