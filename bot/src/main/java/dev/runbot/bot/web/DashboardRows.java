package dev.runbot.bot.web;

import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.AuditEntry;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.links.ObservabilityLinks;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Turns environments and their audit entries into what the dashboard's pages show. */
@Singleton
public class DashboardRows {

    private static final String NONE = "—";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ObservabilityLinks links;
    private final GitHubWebUrls github;
    private final RequestedResources resources;
    private final CostSettings cost;
    private final Clock clock;

    DashboardRows(ObservabilityLinks links, GitHubWebUrls github, RequestedResources resources, CostSettings cost,
                  Clock clock) {
        this.links = links;
        this.github = github;
        this.resources = resources;
        this.cost = cost;
        this.clock = clock;
    }

    public EnvironmentRow row(Environment environment) {
        Instant now = clock.instant();
        boolean live = environment.state().live();
        RepositoryName repository = environment.pullRequestRef().repository();
        String sha = environment.headSha();
        // A destroyed row was last written when it was destroyed: that is where its life ended.
        Duration between = Duration.between(environment.createdAt(), live ? now : environment.updatedAt());
        Duration lived = between.isNegative() ? Duration.ZERO : between;
        Optional<Resources> requested = resources.of(environment);
        return new EnvironmentRow(
                environment.name(),
                environment.repository(),
                environment.pullRequest(),
                github.pullRequest(repository, environment.pullRequest()),
                environment.state().label(),
                live,
                environment.dryRun(),
                environment.url(),
                links.logs(environment.namespace()).orElse(null),
                links.metrics(environment.namespace()).orElse(null),
                sha == null ? null : sha.substring(0, Math.min(7, sha.length())),
                sha == null ? null : github.commit(repository, sha),
                environment.image(),
                Messages.time(environment.createdAt()),
                Durations.format(lived),
                live ? expires(environment.expiresAt(), now) : NONE,
                live ? environment.pinnedAt(now).map(Messages::time).orElse(NONE) : NONE,
                environment.requestedBy(),
                requested.map(r -> cost.format(cost.soFar(r, lived))).orElse(NONE),
                requested.map(r -> cost.format(cost.perDay(r))).orElse(NONE),
                requested.map(Resources::label).orElse(NONE),
                environment.lastError(),
                environment.overrides().entrySet().stream()
                        .map(entry -> new EnvironmentRow.Override(entry.getKey(), entry.getValue())).toList());
    }

    /** The total per day of the environments shown, as people read it. */
    public String totalPerDay(List<Environment> environments) {
        BigDecimal total = BigDecimal.ZERO;
        for (Environment environment : environments) {
            total = total.add(resources.of(environment).map(cost::perDay).orElse(BigDecimal.ZERO));
        }
        return cost.format(total);
    }

    /** The audit entries, newest first. */
    public List<EnvironmentRow.Change> timeline(List<AuditEntry> entries) {
        List<EnvironmentRow.Change> changes = new ArrayList<>();
        for (AuditEntry entry : entries) {
            changes.add(new EnvironmentRow.Change(SECONDS.format(entry.at()), entry.actor(), entry.channel(),
                    entry.action(), entry.detail()));
        }
        Collections.reverse(changes);
        return changes;
    }

    private static String expires(Instant expiresAt, Instant now) {
        return Messages.time(expiresAt) + (expiresAt.isAfter(now)
                ? " (in " + Durations.format(Duration.between(now, expiresAt)) + ")" : " (due)");
    }
}
