package dev.runbot.bot.api;

import dev.runbot.commands.Messages;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.links.ObservabilityLinks;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /api/v1/environments[/{name}]}: what runbot runs, for scripts and dashboards. */
@Controller("/api/v1/environments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnvironmentController {

    private final EnvironmentService service;
    private final ObservabilityLinks links;

    EnvironmentController(EnvironmentService service, ObservabilityLinks links) {
        this.service = service;
        this.links = links;
    }

    /** Every live environment. */
    @Get
    public List<EnvironmentView> list() {
        return service.list(Optional.empty()).stream().map(environment -> view(environment, null)).toList();
    }

    /** One environment by name, live or destroyed, with its history. */
    @Get("/{name}")
    public HttpResponse<?> show(String name) {
        return service.byName(name)
                .<HttpResponse<?>>map(environment -> HttpResponse.ok(view(environment, history(environment))))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND).body(Reply.message(Reply.Outcome.NOT_FOUND,
                        "There is no environment named " + Messages.quote(name) + ". GET /api/v1/environments lists"
                                + " the live ones.", "")));
    }

    private List<EnvironmentView.HistoryEntry> history(Environment environment) {
        return service.history(environment).stream()
                .map(entry -> new EnvironmentView.HistoryEntry(entry.at(), entry.actor(), entry.channel(),
                        entry.action(), entry.detail()))
                .toList();
    }

    private EnvironmentView view(Environment environment, List<EnvironmentView.HistoryEntry> history) {
        return new EnvironmentView(environment.name(), environment.namespace(), environment.repository(),
                environment.pullRequest(), environment.state().label(), environment.desiredState().name().toLowerCase(Locale.ROOT),
                environment.url(), links.logs(environment.namespace()).orElse(null),
                links.metrics(environment.namespace()).orElse(null), environment.headSha(), environment.image(),
                environment.createdAt(), environment.updatedAt(), environment.expiresAt(), environment.pinnedUntil(),
                environment.requestedBy(), environment.dryRun(), environment.lastError(), history);
    }
}
