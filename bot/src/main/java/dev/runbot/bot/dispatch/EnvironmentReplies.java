package dev.runbot.bot.dispatch;

import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
import dev.runbot.commands.Reply.Action;
import dev.runbot.commands.Reply.Field;
import dev.runbot.commands.Reply.Link;
import dev.runbot.commands.Reply.LinkKind;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.LifecycleSettings;
import dev.runbot.provisioner.lifecycle.ServiceResult;
import dev.runbot.provisioner.links.ObservabilityLinks;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Says what an environment is, in the channel-neutral reply model every channel renders. */
@Singleton
public class EnvironmentReplies {

    private final ObservabilityLinks observability;
    private final LifecycleSettings limits;
    private final RunbotSettings settings;
    private final Clock clock;

    EnvironmentReplies(ObservabilityLinks observability, LifecycleSettings limits, RunbotSettings settings,
                       Clock clock) {
        this.observability = observability;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
    }

    /** The environment after a command changed it; {@code note} is what the person should also know. */
    public Reply changed(Environment environment, String note) {
        Outcome outcome = environment.state() == EnvironmentState.FAILED ? Outcome.FAILED : Outcome.DONE;
        return describe(environment, outcome, note);
    }

    /** The environment as it is, for {@code status}. */
    public Reply status(Environment environment, String note) {
        return describe(environment, Outcome.INFO, note);
    }

    /** A refusal from the lifecycle rules, with the status it deserves. */
    public Reply refused(ServiceResult.Refused refused) {
        Outcome outcome = refused.reason() == ServiceResult.Refusal.NOT_FOUND ? Outcome.NOT_FOUND : Outcome.REFUSED;
        return Reply.message(outcome, refused.message(), "");
    }

    /** Every live environment, one field each. */
    public Reply list(List<Environment> environments, String scope) {
        if (environments.isEmpty()) {
            return Reply.message(Outcome.INFO, "No live preview environments" + scope + ".",
                    "Use \"/preview up\" on a pull request to create one.");
        }
        Instant now = clock.instant();
        List<Field> fields = environments.stream()
                .map(environment -> new Field(environment.pullRequestRef().toString(), summary(environment, now)))
                .toList();
        String count = environments.size() == 1 ? "1 live preview environment" : environments.size()
                + " live preview environments";
        return new Reply(Outcome.INFO, count + scope, "", Optional.empty(), fields, List.of(), List.of());
    }

    private Reply describe(Environment environment, Outcome outcome, String note) {
        Instant now = clock.instant();
        List<Field> fields = new ArrayList<>();
        boolean dryRun = environment.dryRun() && environment.state().live();
        fields.add(new Field("State", environment.state().label() + (dryRun ? " (dry-run)" : "")));
        fields.add(new Field("URL", environment.url()));
        fields.add(new Field("Namespace", environment.namespace()));
        if (environment.image() != null) {
            fields.add(new Field("Image", environment.image()));
        }
        if (environment.headSha() != null) {
            fields.add(new Field("Head", environment.headSha().substring(0, Math.min(7, environment.headSha().length()))));
        }
        if (environment.state().live()) {
            fields.add(new Field("Expires", Messages.time(environment.expiresAt()) + " (" + relative(now,
                    environment.expiresAt()) + ")"));
            fields.add(new Field("Pinned", environment.pinnedAt(now)
                    .map(until -> "until " + Messages.time(until)).orElse("no")));
        }
        fields.add(new Field("Requested by", environment.requestedBy()));
        if (environment.lastError() != null) {
            fields.add(new Field("Last error", environment.lastError()));
        }
        return new Reply(outcome, title(environment), text(environment, note), Optional.of(environment.state().label()),
                fields, links(environment), actions(environment, now));
    }

    private String title(Environment environment) {
        String pr = environment.pullRequestRef().toString();
        String title = switch (environment.state()) {
            case PENDING -> pr + " is being deployed";
            case PROVISIONING -> pr + " is starting";
            case READY -> pr + " is ready";
            case FAILED -> pr + " failed to deploy";
            case DESTROYING -> pr + " is being destroyed";
            case DESTROYED -> pr + " is destroyed";
        };
        return environment.dryRun() && environment.state().live() ? title + " (dry-run)" : title;
    }

    private String text(Environment environment, String note) {
        List<String> lines = new ArrayList<>();
        if (!note.isEmpty()) {
            lines.add(note);
        }
        if (environment.state() == EnvironmentState.FAILED) {
            lines.add("The environment stays up for debugging until it expires or \"/preview down\".");
        }
        if (environment.dryRun() && environment.state().live()) {
            lines.add("Dry-run: no cluster is configured, so nothing was applied. The rendered manifest is "
                    + settings.dataDir().resolve("rendered").resolve(environment.name()).resolve("manifest.yaml")
                    + ".");
        }
        return String.join("\n", lines);
    }

    private List<Link> links(Environment environment) {
        if (!environment.state().live()) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        links.add(new Link(LinkKind.PREVIEW, "Open preview", environment.url()));
        observability.logs(environment.namespace()).ifPresent(url -> links.add(new Link(LinkKind.LOGS, "Logs", url)));
        observability.metrics(environment.namespace())
                .ifPresent(url -> links.add(new Link(LinkKind.METRICS, "Metrics", url)));
        return links;
    }

    private List<Action> actions(Environment environment, Instant now) {
        if (!environment.state().live() || environment.state() == EnvironmentState.DESTROYING) {
            return List.of();
        }
        String extend = Durations.format(limits.extendDefault());
        String pin = Durations.format(limits.pinMax());
        Action pinOrUnpin = environment.pinnedAt(now).isPresent()
                ? new Action("Unpin", "unpin", false)
                : new Action("Pin " + pin, "pin " + pin, false);
        return List.of(new Action("Extend " + extend, "extend " + extend, false), pinOrUnpin,
                new Action("Down", "down", true));
    }

    private static String summary(Environment environment, Instant now) {
        StringBuilder summary = new StringBuilder(environment.state().label());
        if (environment.dryRun() && environment.state().live()) {
            summary.append(" (dry-run)");
        }
        summary.append(" · ").append(environment.url())
                .append(" · expires ").append(Messages.time(environment.expiresAt()));
        environment.pinnedAt(now).ifPresent(until -> summary.append(" · pinned until ").append(Messages.time(until)));
        return summary.toString();
    }

    /** {@code in 2d 3h}, {@code in 45m}, or {@code overdue}. */
    static String relative(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        if (left.isNegative() || left.isZero()) {
            return "overdue";
        }
        long days = left.toDays();
        long hours = left.toHoursPart();
        long minutes = left.toMinutesPart();
        if (days > 0) {
            return "in " + days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return "in " + hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        return "in " + Math.max(1, minutes) + "m";
    }
}
