package dev.runbot.bot.github.notify;

import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.bot.github.DeploymentStatus;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.PullRequestThread;
import dev.runbot.bot.github.PullRequestThreads;
import dev.runbot.bot.github.StatusComment;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.links.ObservabilityLinks;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a pull request on GitHub show the truth as runbot knows it now: its one status comment
 * (found by its marker, edited in place, created only when there is none) and the deployment of
 * the environment's head with its latest status. Repeating it changes nothing.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class PullRequestStatusSync {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestStatusSync.class);

    private final PullRequestHost host;
    private final PullRequestThreads threads;
    private final EnvironmentService environments;
    private final EnvironmentReplies replies;
    private final ObservabilityLinks observability;

    PullRequestStatusSync(PullRequestHost host, PullRequestThreads threads, EnvironmentService environments,
                          EnvironmentReplies replies, ObservabilityLinks observability) {
        this.host = host;
        this.threads = threads;
        this.environments = environments;
        this.replies = replies;
        this.observability = observability;
    }

    public void sync(PullRequestRef pullRequest) {
        PullRequestThread thread = threads.of(pullRequest);
        Optional<Environment> environment = environments.latest(pullRequest);
        comment(thread, environment.map(current -> replies.status(current, "")));
        environment.ifPresent(current -> deployment(thread, current));
    }

    private void comment(PullRequestThread thread, Optional<Reply> status) {
        PullRequestRef pullRequest = thread.pullRequest();
        String body = StatusComment.render(pullRequest, status, thread.lastCommand());
        String digest = digest(body);
        if (thread.commentId().isPresent() && thread.commentDigest().equals(Optional.of(digest))) {
            return;
        }
        Optional<Long> id = thread.commentId().or(() -> host.findComment(pullRequest, StatusComment.MARKER));
        if (id.isPresent() && !host.editComment(pullRequest.repository(), id.get(), body)) {
            LOG.info("the status comment {} on {} was deleted; writing a new one", id.get(), pullRequest);
            id = Optional.empty();
        }
        if (id.isEmpty()) {
            id = Optional.of(host.createComment(pullRequest, body));
        }
        threads.recordComment(thread.id(), id, Optional.of(digest));
    }

    private void deployment(PullRequestThread thread, Environment environment) {
        String sha = environment.headSha();
        if (sha == null) {
            LOG.debug("{} has no head sha; no deployment is shown", environment.name());
            return;
        }
        DeploymentStatus status = status(environment);
        boolean current = thread.deploymentId().isPresent() && thread.deploymentSha().equals(Optional.of(sha));
        if (status.state() == DeploymentStatus.State.INACTIVE) {
            if (thread.deploymentId().isPresent() && !thread.deploymentState().equals(Optional.of(status.state().word()))) {
                host.deploymentStatus(thread.pullRequest().repository(), thread.deploymentId().get(), status);
                threads.recordDeployment(thread.id(), thread.deploymentId().get(), thread.deploymentSha().orElse(sha),
                        Optional.of(status.state().word()));
            }
            return;
        }
        long id;
        Optional<String> posted;
        if (current) {
            id = thread.deploymentId().get();
            posted = thread.deploymentState();
        } else {
            id = host.createDeployment(thread.pullRequest().repository(), sha, "preview/pr-" + environment.pullRequest(),
                    "runbot preview of " + thread.pullRequest());
            posted = Optional.empty();
            threads.recordDeployment(thread.id(), id, sha, posted);
        }
        if (!posted.equals(Optional.of(status.state().word()))) {
            host.deploymentStatus(thread.pullRequest().repository(), id, status);
            threads.recordDeployment(thread.id(), id, sha, Optional.of(status.state().word()));
        }
    }

    private DeploymentStatus status(Environment environment) {
        String sha7 = environment.headSha().substring(0, Math.min(7, environment.headSha().length()));
        Optional<String> logs = observability.logs(environment.namespace());
        String dryRun = environment.dryRun() ? " (dry-run: rendered, not applied)" : "";
        return switch (environment.state()) {
            case PENDING, PROVISIONING -> new DeploymentStatus(DeploymentStatus.State.IN_PROGRESS, Optional.empty(), logs,
                    "Deploying " + sha7);
            case READY -> new DeploymentStatus(DeploymentStatus.State.SUCCESS, Optional.of(environment.url()), logs,
                    "Ready at " + sha7 + dryRun);
            case FAILED -> new DeploymentStatus(DeploymentStatus.State.FAILURE, Optional.empty(), logs,
                    "Failed: " + Optional.ofNullable(environment.lastError()).orElse("see the status comment"));
            case DESTROYING, DESTROYED -> new DeploymentStatus(DeploymentStatus.State.INACTIVE, Optional.empty(),
                    Optional.empty(), "Destroyed");
        };
    }

    private static String digest(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
