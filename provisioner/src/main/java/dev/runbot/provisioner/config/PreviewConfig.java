package dev.runbot.provisioner.config;

import dev.runbot.commands.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's {@code .preview.yaml}: how its pull requests become environments.
 *
 * @param project          namespace prefix; empty means the repository name
 * @param image            the image repository, e.g. {@code ghcr.io/acme/shop}
 * @param tag              tag template: {@code {number}}, {@code {sha}}, {@code {sha7}}, {@code {branch}}
 * @param fallbackTag      the tag used when the head sha is not known
 * @param ttl              the repository's TTL; empty means the server default
 * @param allowedOverrides the chart values {@code --set} may change
 * @param urlSuffix        {@code random} appends 6 random characters to the host
 * @param seed             repository paths of SQL scripts run, in order, against the first SQL database
 */
public record PreviewConfig(
        Optional<String> project,
        String image,
        String tag,
        Optional<String> fallbackTag,
        int port,
        String healthPath,
        Optional<Duration> ttl,
        AutoDeploy autoDeploy,
        String label,
        List<Database> databases,
        Map<String, String> env,
        Resources resources,
        List<String> allowedOverrides,
        Optional<String> slackChannel,
        UrlSuffix urlSuffix,
        List<String> seed) {

    public static final String DEFAULT_TAG = "pr-{number}-{sha7}";
    public static final String DEFAULT_FALLBACK_TAG = "latest";

    public PreviewConfig {
        databases = List.copyOf(databases);
        env = Map.copyOf(env);
        allowedOverrides = List.copyOf(allowedOverrides);
        seed = List.copyOf(seed);
    }

    /**
     * What runbot assumes for a repository that says nothing: the image is published to GitHub's
     * container registry under the repository's own name, as GitHub Actions does by default.
     */
    public static PreviewConfig defaults(RepositoryName repository) {
        return new PreviewConfig(Optional.empty(), "ghcr.io/" + repository.key(), DEFAULT_TAG,
                Optional.of(DEFAULT_FALLBACK_TAG), 8080, "/healthz", Optional.empty(), AutoDeploy.LABEL, "preview",
                List.of(), Map.of(), new Resources("300m", "512Mi"), List.of(), Optional.empty(), UrlSuffix.NONE, List.of());
    }

    /** When pull requests get an environment without anyone asking. */
    public enum AutoDeploy { ALWAYS, LABEL, COMMAND }

    /** Whether preview hosts are guessable. */
    public enum UrlSuffix { NONE, RANDOM }

    /** What the application container requests. */
    public record Resources(String cpu, String memory) {
    }
}
