package dev.runbot.bot.github.config;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.RepositoryFile;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.SeedScriptSource;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.environment.Environment;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the seed scripts a {@code .preview.yaml} names from the pull request's head on GitHub. */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubSeedScripts implements SeedScriptSource {

    private final PullRequestHost host;

    GitHubSeedScripts(PullRequestHost host) {
        this.host = host;
    }

    @Override
    public Map<String, String> scripts(Environment environment, PreviewConfig config) {
        RepositoryName repository = environment.pullRequestRef().repository();
        Optional<String> ref = Optional.ofNullable(environment.headSha());
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String path : config.seed()) {
            Optional<RepositoryFile> file;
            try {
                file = host.file(repository, path, ref);
            } catch (GitHubException e) {
                if (e.retryable()) {
                    throw new SourceUnavailableException("reading seed script \"" + path + "\" of " + repository
                            + " failed: " + e.getMessage(), e);
                }
                throw new IllegalStateException("GitHub refused seed script \"" + path + "\" of " + repository + ": "
                        + e.getMessage(), e);
            }
            String at = ref.map(sha -> " at " + sha.substring(0, Math.min(7, sha.length()))).orElse("");
            scripts.put(path, file.orElseThrow(() -> new IllegalStateException("The seed script \"" + path
                    + "\" that .preview.yaml names is not in " + repository + at + ".")).text());
        }
        return scripts;
    }
}
