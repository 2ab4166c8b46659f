package dev.runbot.bot.slack.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.methods.SlackApiErrorResponse;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.ErrorResponseMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A refusal from Slack reduced to what error handling looks at: the HTTP status, Slack's error
 * code, the {@code Retry-After} header, the scope a {@code missing_scope} needs, and Slack's
 * explanations (why the blocks are invalid).
 */
record SlackAnswer(int status, Optional<String> error, Optional<String> retryAfter, Optional<String> needed,
                   List<String> details) {

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z0-9_]{0,60}");

    SlackAnswer {
        details = List.copyOf(details);
    }

    /** An HTTP error from a Web API method; the SDK read Slack's JSON error when there was one. */
    static SlackAnswer of(SlackApiException refused) {
        SlackApiErrorResponse body = refused.getError();
        return new SlackAnswer(refused.getResponse().code(),
                Optional.ofNullable(body).map(SlackApiErrorResponse::getError),
                Optional.ofNullable(refused.getResponse().header("Retry-After")),
                Optional.ofNullable(body).map(SlackApiErrorResponse::getNeeded), List.of());
    }

    /** A Web API method's {@code ok: false}, answered with HTTP 200. */
    static SlackAnswer of(SlackApiTextResponse refused, ErrorResponseMetadata metadata) {
        Map<String, List<String>> headers = refused.getHttpResponseHeaders(); // names lower-cased by the SDK
        List<String> retryAfter = headers == null ? null : headers.get("retry-after");
        List<String> details = new ArrayList<>();
        if (metadata != null && metadata.getMessages() != null) {
            details.addAll(metadata.getMessages());
        }
        return new SlackAnswer(200, Optional.ofNullable(refused.getError()),
                retryAfter == null || retryAfter.isEmpty() ? Optional.empty() : Optional.ofNullable(retryAfter.get(0)),
                Optional.ofNullable(refused.getNeeded()), details);
    }

    /**
     * An answer from a response_url, which says {@code ok} or an error code as plain text
     * ({@code expired_url}), or sometimes Slack's usual JSON.
     */
    static SlackAnswer ofResponseUrl(int status, String body, Optional<String> retryAfter) {
        String text = body == null ? "" : body.strip();
        Optional<String> error = Optional.empty();
        if (text.startsWith("{")) {
            try {
                JsonElement json = JsonParser.parseString(text);
                JsonElement code = json.isJsonObject() ? json.getAsJsonObject().get("error") : null;
                error = code != null && code.isJsonPrimitive() ? Optional.of(code.getAsString()) : Optional.empty();
            } catch (RuntimeException notJson) {
                error = Optional.empty();
            }
        } else if (ERROR_CODE.matcher(text).matches() && !"ok".equals(text)) {
            error = Optional.of(text);
        }
        return new SlackAnswer(status, error, retryAfter, Optional.empty(), List.of());
    }

    /** Whether a 2xx answer from a response_url still refuses: JSON with {@code "ok": false}. */
    static boolean refusedInJson(String body) {
        String text = body == null ? "" : body.strip();
        if (!text.startsWith("{")) {
            return false;
        }
        try {
            JsonElement json = JsonParser.parseString(text);
            JsonElement ok = json.isJsonObject() ? json.getAsJsonObject().get("ok") : null;
            return ok != null && ok.isJsonPrimitive() && !ok.getAsBoolean();
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
