package dev.runbot.bot.github.config;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.RepositoryFile;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigParser;
import dev.runbot.provisioner.config.PreviewConfigResult;
import dev.runbot.provisioner.config.PreviewConfigSource;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each repository's {@code .preview.yaml} from its default branch on GitHub. The parsed
 * result is kept by the file's blob sha, so unchanged text is parsed and validated once; a
 * fetch is reused for a few seconds, so one command and the deploy it causes read it once.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubPreviewConfigs implements PreviewConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubPreviewConfigs.class);

    private final PullRequestHost host;
    private final GitHubSettings settings;
    private final Clock clock;
    private final Duration freshFor;
    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();
    private final Map<String, PreviewConfigLookup> bySha = new ConcurrentHashMap<>();

    /**
     * @param freshFor how long one fetch is reused: long enough to serve a command and the deploy it
     *                 causes, short enough that a fix pushed a moment ago is seen
     */
    GitHubPreviewConfigs(PullRequestHost host, GitHubSettings settings, Clock clock,
                         @Value("${runbot.github.config-fresh-for:5s}") Duration freshFor) {
        this.host = host;
        this.settings = settings;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    @Override
    public PreviewConfigLookup find(RepositoryName repository) {
        Instant now = clock.instant();
        Fetched recent = fetched.get(repository.key());
        if (recent != null && now.isBefore(recent.at().plus(freshFor))) {
            return recent.lookup();
        }
        Optional<RepositoryFile> file;
        try {
            file = host.file(repository, GitHubSettings.CONFIG_PATH, Optional.empty());
        } catch (GitHubException e) {
            LOG.warn("reading {} of {} failed: {}", GitHubSettings.CONFIG_PATH, repository, e.getMessage());
            return new PreviewConfigLookup.Unavailable("runbot could not read " + GitHubSettings.CONFIG_PATH + " of "
                    + repository + " from GitHub (" + e.getMessage() + ")." + (e.retryable()
                    ? " Try again in a minute." : " Check that runbot's GitHub App can read the repository's contents."));
        }
        PreviewConfigLookup lookup = file.map(found -> parsed(repository, found)).orElseGet(() -> missing(repository));
        fetched.put(repository.key(), new Fetched(now, lookup));
        return lookup;
    }

    private PreviewConfigLookup parsed(RepositoryName repository, RepositoryFile file) {
        return bySha.computeIfAbsent(repository.key() + "@" + file.sha(), key -> {
            PreviewConfigResult result = PreviewConfigParser.parse(file.text(), repository);
            if (result instanceof PreviewConfigResult.Valid valid) {
                return new PreviewConfigLookup.Found(valid.config());
            }
            return new PreviewConfigLookup.Invalid(repository + "'s " + GitHubSettings.CONFIG_PATH + " (blob "
                    + file.sha().substring(0, Math.min(7, file.sha().length())) + " on the default branch) cannot be"
                    + " used:\n" + ((PreviewConfigResult.Invalid) result).text());
        });
    }

    private PreviewConfigLookup missing(RepositoryName repository) {
        String example = settings.exampleUrl().map(url -> " An example: " + url)
                .orElse(" The smallest one is a single line: \"image: ghcr.io/" + repository.key() + "\".");
        return new PreviewConfigLookup.Missing(repository + " has no " + GitHubSettings.CONFIG_PATH
                + " on its default branch, so runbot does not know how to deploy it. Add one." + example);
    }

    private record Fetched(Instant at, PreviewConfigLookup lookup) {
    }
}
