package dev.runbot.bot.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error pages a browser gets, in the dashboard's style instead of Micronaut's: a page runbot
 * does not have says so and links back to {@code /}; any other error names its status, never a
 * stack trace. Clients that do not ask for HTML, {@code /api/**} among them, keep JSON errors.
 */
@Singleton
@Replaces(HtmlErrorResponseBodyProvider.class)
public class ErrorPages implements HtmlErrorResponseBodyProvider {

    private final ThymeleafViewsRenderer<Map<String, Object>> views;

    ErrorPages(ThymeleafViewsRenderer<Map<String, Object>> views) {
        this.views = views;
    }

    /** The 404 page's model: what was not found, and who is logged in, if anyone. */
    static ModelAndView<Map<String, Object>> page(String problem, @Nullable String who) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Not found");
        model.put("problem", problem);
        model.put("who", who);
        return new ModelAndView<>("not-found", model);
    }

    @Override
    public String body(ErrorContext error, HttpResponse<?> response) {
        HttpStatus status = response.status();
        ModelAndView<Map<String, Object>> page = status == HttpStatus.NOT_FOUND
                ? page("runbot has no page at this address.", null)
                : problem(status);
        StringWriter html = new StringWriter();
        try {
            views.render(page.getView().orElseThrow(), page.getModel().orElseThrow(), error.getRequest()).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the error page for " + error.getRequest().getPath(), e);
        }
        return html.toString();
    }

    private static ModelAndView<Map<String, Object>> problem(HttpStatus status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", status.getCode() + " " + status.getReason());
        model.put("problem", status.getCode() >= 500
                ? "Something went wrong in runbot (" + status.getCode() + " " + status.getReason() + "). Its log says"
                        + " what; try again in a moment."
                : "runbot could not take that request (" + status.getCode() + " " + status.getReason() + ").");
        model.put("who", null);
        return new ModelAndView<>("not-found", model);
    }
}
