package dev.runbot.bot.web;

import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.chart.ChartSettings;
import dev.runbot.provisioner.chart.ChartValues;
import dev.runbot.provisioner.chart.RenderRequest;
import dev.runbot.provisioner.cluster.PlaceholderCredentials;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.environment.Environment;
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
 * What an environment requests from the cluster: the namespace quota the provisioner computes
 * ({@link ChartValues}: the app's resources times its replicas, plus each database's share),
 * from the repository's {@code .preview.yaml} and the environment's {@code --set} overrides.
 * The seed Job is left out: it runs for minutes, not days. Each repository's configuration is
 * kept for a few minutes, so a page load does not read every {@code .preview.yaml} again.
 */
@Singleton
public class RequestedResources {

    private static final Logger LOG = LoggerFactory.getLogger(RequestedResources.class);
    private static final Duration KEEP_CONFIG = Duration.ofMinutes(5);

    private final PreviewConfigSource configs;
    private final ChartSettings chart;
    private final Clock clock;
    private final PlaceholderCredentials credentials = new PlaceholderCredentials();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    RequestedResources(PreviewConfigSource configs, ChartSettings chart, Clock clock) {
        this.configs = configs;
        this.chart = chart;
        this.clock = clock;
    }

    /** The environment's requests; empty when its values cannot be computed (a broken override). */
    public Optional<Resources> of(Environment environment) {
        PreviewConfig config = config(environment.pullRequestRef().repository());
        try {
            Map<String, Object> values = ChartValues.of(new RenderRequest(environment, config,
                    credentials.credentials(environment, config.databases()), Map.of()), chart);
            Map<?, ?> quota = (Map<?, ?>) values.get("quota");
            return Optional.of(Resources.of(String.valueOf(quota.get("cpu")), String.valueOf(quota.get("memory"))));
        } catch (RuntimeException e) {
            LOG.debug("no cost estimate for \"{}\": {}", environment.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The repository's configuration; runbot's defaults while it has none it can read. */
    private PreviewConfig config(RepositoryName repository) {
        Instant now = clock.instant();
        Kept recent = kept.get(repository.key());
        if (recent != null && now.isBefore(recent.until())) {
            return recent.config();
        }
        PreviewConfigLookup lookup = configs.find(repository);
        if (lookup instanceof PreviewConfigLookup.Found found) {
            kept.put(repository.key(), new Kept(found.config(), now.plus(KEEP_CONFIG)));
            return found.config();
        }
        return PreviewConfig.defaults(repository);
    }

    private record Kept(PreviewConfig config, Instant until) {
    }
}
