package dev.runbot.bot.dispatch;

import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.lifecycle.LifecycleSettings;
import dev.runbot.provisioner.links.GrafanaSettings;
import dev.runbot.provisioner.links.ObservabilityLinks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Real {@link EnvironmentReplies} for tests outside this package, with the documented default limits. */
public final class TestEnvironmentReplies {

    private TestEnvironmentReplies() {
    }

    /** Replies whose Grafana links point at {@code grafanaUrl} (none when null), at the clock's time. */
    public static EnvironmentReplies create(String grafanaUrl, Clock clock) {
        LifecycleSettings limits = new LifecycleSettings(Duration.ofHours(72), Duration.ofDays(7), Duration.ofHours(48),
                3, Duration.ofHours(24), Duration.ofHours(1));
        return new EnvironmentReplies(new ObservabilityLinks(new GrafanaSettings(grafanaUrl, "loki", "runbot-env")),
                limits, new RunbotSettings(Path.of("runbot-data"), "preview.example.com"), clock);
    }
}
