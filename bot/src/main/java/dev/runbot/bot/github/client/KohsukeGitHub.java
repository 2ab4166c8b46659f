package dev.runbot.bot.github.client;

import dev.runbot.bot.github.DeploymentStatus;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubRole;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.PullRequestCheck;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.PullRequestInfo;
import dev.runbot.bot.github.Reaction;
import dev.runbot.bot.github.RepositoryFile;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.connector.GitHubConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * runbot's {@link PullRequestHost} on GitHub.com or GitHub Enterprise, through kohsuke's github-api
 * with a token or as a GitHub App. Every call is bounded by the connector's timeouts, never sleeps
 * on a rate limit, and fails with a {@link dev.runbot.bot.github.GitHubException} that says whether to retry.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public final class KohsukeGitHub implements PullRequestHost {

    /** runbot reads configuration files, not assets; GitHub's contents API inlines files up to this size. */
    static final long FILE_LIMIT = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KohsukeGitHub.class);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}(\\[bot])?");

    private final Failures failures;
    private final Repositories repositories;
    private final IssueComments comments;
    private final Deployments deployments;
    private final PullRequestStates states;

    /**
     * @param settings where GitHub is and how to authenticate: an App when {@code app-id} is set, else the token
     * @param clock    for token expiry, caches and rate-limit waits
     * @param meters   where every call is counted, with the rate limit GitHub last said was left
     * @throws IllegalStateException    when GitHub is not enabled, or an App has no private key
     * @throws IllegalArgumentException when the private key cannot be read
     */
    @Inject
    public KohsukeGitHub(GitHubSettings settings, Clock clock, MeterRegistry meters) {
        this(settings, clock, new CountedConnector(new TimedConnector(), meters));
    }

    /** @param connector sends every request, kohsuke's and runbot's own */
    KohsukeGitHub(GitHubSettings settings, Clock clock, GitHubConnector connector) {
        this.failures = new Failures(clock);
        GitHubClients clients = new GitHubClients(settings.apiUrl(), connector, failures);
        Credentials credentials = credentials(settings, clients, clock);
        RestCalls rest = new RestCalls(settings.apiUrl(), connector, failures);
        this.repositories = new Repositories(credentials, clock);
        this.comments = new IssueComments(rest, credentials, failures);
        this.deployments = new Deployments(repositories, rest, credentials, failures);
        this.states = new PullRequestStates(rest, credentials, failures);
        LOG.info("talking to GitHub at \"{}\" {}", settings.apiUrl(),
                settings.appId() != null ? "as GitHub App " + settings.appId() : "with a token");
    }

    private static Credentials credentials(GitHubSettings settings, GitHubClients clients, Clock clock) {
        if (settings.appId() != null) {
            if (settings.privateKey() == null || settings.privateKey().isBlank()) {
                throw new IllegalStateException("runbot.github.app-id is set but runbot.github.private-key is not");
            }
            AppJwt jwt = new AppJwt(settings.appId(), PemKeys.read(settings.privateKey()), clock);
            return new AppCredentials(jwt, clients, clock);
        }
        if (settings.token() == null || settings.token().isBlank()) {
            throw new IllegalStateException("GitHub is not enabled: set runbot.github.token or runbot.github.app-id");
        }
        return new TokenCredentials(settings.token(), clients);
    }

    /** {@code GET /repos/{o}/{r}/collaborators/{login}/permission}; 404 (no collaborator, no such user) is NONE. */
    @Override
    public GitHubRole permission(RepositoryName repository, String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            LOG.debug("\"{}\" is no GitHub login; no permission on {}", login, repository);
            return GitHubRole.NONE;
        }
        String doing = "reading the permission of \"%s\" on %s".formatted(login, repository);
        return failures.attempt(doing, () -> {
            LOG.debug(doing);
            GHRepository repo = repositories.get(repository);
            try {
                return GitHubRole.of(repo.getPermission(login).name());
            } catch (FileNotFoundException stranger) {
                return GitHubRole.NONE;
            }
        });
    }

    @Override
    public PullRequestInfo pullRequest(PullRequestRef pullRequest) {
        String doing = "reading pull request " + pullRequest;
        return failures.attempt(doing, () -> {
            LOG.debug(doing);
            GHPullRequest pr = repositories.get(pullRequest.repository()).getPullRequest(pullRequest.number());
            GHRepository head = pr.getHead().getRepository(); // null once the fork is deleted
            String headRepository = head == null ? "" : head.getFullName();
            boolean fork = head == null
                    || !headRepository.equalsIgnoreCase(pr.getBase().getRepository().getFullName());
            return new PullRequestInfo(pullRequest, pr.getTitle(), pr.getUser().getLogin(), pr.getHead().getSha(),
                    pr.getHead().getRef(), headRepository, fork, pr.getState() == GHIssueState.OPEN,
                    pr.getLabels().stream().map(GHLabel::getName).toList());
        });
    }

    /** One conditional GET, never through kohsuke (which has no If-None-Match); 404 is {@link PullRequestCheck.Gone}. */
    @Override
    public PullRequestCheck pullRequestIfChanged(PullRequestRef pullRequest, Optional<String> etag) {
        return states.check(pullRequest, etag);
    }

    /** The contents API; files over {@link #FILE_LIMIT} are refused rather than fetched another way. */
    @Override
    public Optional<RepositoryFile> file(RepositoryName repository, String path, Optional<String> ref) {
        String doing = "reading \"%s\" %s in %s".formatted(path,
                ref.map(name -> "at \"" + name + "\"").orElse("on the default branch"), repository);
        return failures.attempt(doing, () -> {
            LOG.debug(doing);
            GHContent content;
            try {
                content = repositories.get(repository).getFileContent(path, ref.orElse(null));
            } catch (FileNotFoundException absent) {
                return Optional.empty();
            }
            // GitHub answered 200 in each refusal below; the answer is just not a file runbot reads.
            if (!content.isFile()) {
                throw Failures.unusable("it is a " + content.getType() + ", not a file", 200);
            }
            if (content.getSize() > FILE_LIMIT) {
                throw Failures.unusable("the file has %d bytes; runbot reads files of at most 1 MiB"
                        .formatted(content.getSize()), 200);
            }
            if (!"base64".equals(content.getEncoding())) {
                throw Failures.unusable("GitHub sent the file as \"" + content.getEncoding() + "\", not base64", 200);
            }
            byte[] bytes = Base64.getMimeDecoder().decode(content.getEncodedContent());
            return Optional.of(new RepositoryFile(path, content.getSha(), new String(bytes, StandardCharsets.UTF_8)));
        });
    }

    @Override
    public Optional<Long> findComment(PullRequestRef pullRequest, String marker) {
        return comments.find(pullRequest, marker);
    }

    @Override
    public long createComment(PullRequestRef pullRequest, String body) {
        return comments.create(pullRequest, body);
    }

    @Override
    public boolean editComment(RepositoryName repository, long commentId, String body) {
        return comments.edit(repository, commentId, body);
    }

    @Override
    public void react(RepositoryName repository, long commentId, Reaction reaction) {
        comments.react(repository, commentId, reaction);
    }

    @Override
    public long createDeployment(RepositoryName repository, String sha, String environment, String description) {
        return deployments.create(repository, sha, environment, description);
    }

    @Override
    public void deploymentStatus(RepositoryName repository, long deploymentId, DeploymentStatus status) {
        deployments.status(repository, deploymentId, status);
    }
}
