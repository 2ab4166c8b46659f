package dev.runbot.bot.slack.client;

import com.google.gson.Gson;
import com.slack.api.util.http.SlackHttpClient;
import dev.runbot.bot.slack.SlackMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers interactions through their {@code response_url}: a JSON POST outside the Web API and
 * without the bot token, which Slack takes for 30 minutes and five times at most. Its path is a
 * credential of its own, so messages name only its host.
 */
final class ResponseUrls {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseUrls.class);
    private static final int MAX_QUOTED = 80;

    private final SlackHttpClient http;
    private final Gson gson;
    private final SlackFailures failures;
    private final SlackCalls calls;

    /** @param gson the SDK's snake_case Gson, which writes Block Kit blocks as Slack reads them */
    ResponseUrls(SlackHttpClient http, Gson gson, SlackFailures failures, SlackCalls calls) {
        this.http = http;
        this.gson = gson;
        this.failures = failures;
        this.calls = calls;
    }

    void respond(String responseUrl, SlackMessage message, boolean ephemeral, boolean replaceOriginal) {
        URI url = checked(responseUrl);
        String doing = "answering %s through the response_url at \"%s\""
                .formatted(ephemeral ? "ephemerally" : "in the channel", url.getHost());
        LOG.info("{}{}", doing, replaceOriginal ? ", replacing the original message" : "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", ephemeral ? "ephemeral" : "in_channel");
        payload.put("replace_original", replaceOriginal);
        payload.put("text", message.text());
        if (!message.blocks().isEmpty()) {
            payload.put("blocks", message.blocks());
        }
        try (Response response = http.postJsonBody(url.toString(), gson.toJson(payload))) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.isSuccessful() && !SlackAnswer.refusedInJson(text)) {
                calls.ok(SlackCalls.RESPONSE_URL);
                return;
            }
            SlackAnswer answer = SlackAnswer.ofResponseUrl(response.code(), text,
                    Optional.ofNullable(response.header("Retry-After")));
            calls.refused(SlackCalls.RESPONSE_URL, answer);
            throw failures.refused(doing, answer, null);
        } catch (IOException e) {
            calls.failed(SlackCalls.RESPONSE_URL);
            throw failures.unanswered(doing, e);
        }
    }

    /** Only http(s) URLs with a host; anything else is refused before a request is made. */
    private static URI checked(String responseUrl) {
        try {
            URI url = new URI(responseUrl == null ? "" : responseUrl.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException malformed) {
            // refused below
        }
        throw SlackFailures.invalid("refusing to answer through response_url \"" + cut(responseUrl)
                + "\": runbot calls only http and https URLs");
    }

    private static String cut(String value) {
        String text = String.valueOf(value);
        return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
    }
}
