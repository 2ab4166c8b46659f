package dev.runbot.bot.slack;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests as Slack sends them — a slash command's form, a button's {@code payload=} — signed
 * exactly as Slack signs them: {@code v0=} HMAC-SHA256 of {@code v0:{timestamp}:{body}}.
 */
public final class SlackDeliveries {

    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private SlackDeliveries() {
    }

    /** The form body of {@code /preview <text>} typed by {@code user} in {@code channel}. */
    public static String slashCommand(String text, String userId, String userName, String channelId, String triggerId,
                                      String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        form.put("team_id", "T0ACME001");
        form.put("team_domain", "acme");
        form.put("channel_id", channelId);
        form.put("channel_name", "previews");
        form.put("user_id", userId);
        form.put("user_name", userName);
        form.put("command", "/preview");
        form.put("text", text);
        form.put("api_app_id", "A0RUNBOT1");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return form(form);
    }

    /** The {@code payload=} body of a press of one of runbot's buttons. */
    public static String button(String actionId, String label, String value, String triggerId, String responseUrl) {
        String payload = SlackApi.fixture("block_actions.json")
                .replace("{{trigger}}", triggerId).replace("{{response_url}}", responseUrl)
                .replace("{{action_id}}", actionId).replace("{{label}}", label).replace("{{value}}", value);
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    /** A POST of {@code body} signed now. */
    public static HttpRequest signed(URI endpoint, String body) {
        return signedAt(endpoint, body, Instant.now());
    }

    public static HttpRequest signedAt(URI endpoint, String body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature.Generator(SIGNING_SECRET).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
