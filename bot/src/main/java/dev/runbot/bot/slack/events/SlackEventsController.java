package dev.runbot.bot.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.runbot.bot.slack.SlackHttpEndpoint;
import dev.runbot.bot.slack.SlackSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: checks Slack's signature and timestamp over the raw body before
 * anything else, then only translates — Micronaut's request into Bolt's, Bolt's response back.
 */
@Controller("/slack/events")
@Requires(condition = SlackHttpEndpoint.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SlackEventsController {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsController.class);
    private static final String EPHEMERAL = "{\"response_type\": \"ephemeral\", \"text\": \"%s\"}";

    private final App app;
    private final SlackRequestParser parser;
    private final SlackRequestSignature signature;

    SlackEventsController(App app, SlackSettings settings, Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signature = new SlackRequestSignature(settings.signingSecret(), clock);
    }

    @Post(consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> receive(HttpRequest<?> request, @Body @Nullable String body) {
        String raw = body == null ? "" : body;
        String timestamp = request.getHeaders().get("X-Slack-Request-Timestamp");
        if (!signature.matches(timestamp, raw, request.getHeaders().get("X-Slack-Signature"))) {
            LOG.warn("a Slack request was refused: {}", timestamp == null ? "no X-Slack-Request-Timestamp"
                    : "its signature does not match the signing secret, or its timestamp is over 5 minutes off");
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(EPHEMERAL.formatted("The request is not signed"
                    + " by Slack with runbot's signing secret, or it is more than 5 minutes old."));
        }
        Response response;
        try {
            Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getPath())
                    .queryString(query(request))
                    .headers(new RequestHeaders(headers(request)))
                    .requestBody(raw)
                    .remoteAddress(request.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            if (slackRequest == null) {
                return readable("runbot could not tell what this request is: it is no slash command, button or"
                        + " event Slack sends.");
            }
            response = app.run(slackRequest);
        } catch (RuntimeException e) {
            LOG.warn("a signed Slack request could not be read: {}", e.getMessage());
            return readable("runbot could not read this request (" + e.getClass().getSimpleName() + "); nothing was"
                    + " changed.");
        } catch (Exception e) {
            LOG.error("a Slack request failed in Bolt", e);
            return HttpResponse.serverError(EPHEMERAL.formatted("runbot failed to take this request; try again."));
        }
        MutableHttpResponse<String> answer = HttpResponse.<String>status(HttpStatus.valueOf(response.getStatusCode()))
                .body(response.getBody());
        if (response.getContentType() != null) {
            answer.contentType(response.getContentType());
        }
        return answer;
    }

    private static HttpResponse<String> readable(String message) {
        return HttpResponse.ok(EPHEMERAL.formatted(message.replace("\"", "'")));
    }

    private static Map<String, List<String>> headers(HttpRequest<?> request) {
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return headers;
    }

    private static Map<String, List<String>> query(HttpRequest<?> request) {
        Map<String, List<String>> query = new HashMap<>();
        request.getParameters().forEach(query::put);
        return query;
    }
}
