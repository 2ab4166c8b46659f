package dev.runbot.bot.web;

import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only dashboard: every environment on one page ({@code /}) and each one's facts and
 * audit timeline ({@code /environments/{name}}). A person logged in with GitHub sees only the
 * repositories they can read; any other environment is a 404, so its existence does not leak.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {

    private final EnvironmentService service;
    private final DashboardRows rows;
    private final RepositoryAccess access;
    private final CostSettings cost;

    DashboardController(EnvironmentService service, DashboardRows rows, RepositoryAccess access, CostSettings cost) {
        this.service = service;
        this.rows = rows;
        this.access = access;
        this.cost = cost;
    }

    /** Live environments first, then the ones destroyed last. */
    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> index(HttpRequest<?> request) {
        Session session = LoginFilter.session(request);
        List<Environment> live = visible(session, service.list(Optional.empty()));
        List<Environment> destroyed = visible(session, service.recentlyDestroyed());
        Map<String, Object> model = page(session, "Environments");
        model.put("live", live.stream().map(rows::row).toList());
        model.put("destroyed", destroyed.stream().map(rows::row).toList());
        model.put("totalPerDay", rows.totalPerDay(live));
        model.put("prices", "CPU " + cost.format(cost.cpuCoreDay()) + " per core-day, memory "
                + cost.format(cost.memoryGibDay()) + " per GiB-day");
        return new ModelAndView<>("environments", model);
    }

    @Get(value = "/environments/{name}", produces = MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> environment(String name, HttpRequest<?> request) {
        Session session = LoginFilter.session(request);
        Optional<Environment> found = service.byName(name)
                .filter(environment -> access.canSee(session, environment.pullRequestRef().repository()));
        if (found.isEmpty()) {
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.NOT_FOUND)
                    .body(ErrorPages.page("No environment is named \"" + name + "\".", session.who()));
        }
        Map<String, Object> model = page(session, found.get().name());
        model.put("environment", rows.row(found.get()));
        model.put("timeline", rows.timeline(service.history(found.get())));
        return HttpResponse.ok(new ModelAndView<>("environment", model));
    }

    private List<Environment> visible(Session session, List<Environment> environments) {
        return environments.stream()
                .filter(environment -> access.canSee(session, environment.pullRequestRef().repository()))
                .toList();
    }

    private static Map<String, Object> page(Session session, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("who", session.who());
        return model;
    }
}
