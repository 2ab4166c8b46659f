package dev.runbot.bot.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbot.bot.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * GitHub's webhook payload examples (files beside this class) and requests carrying them, signed
 * exactly as GitHub signs them. Tests change single fields of a real payload where a case needs it.
 */
public final class GitHubWebhooks {

    public static final String SECRET = "a-webhook-secret-of-32-characters!";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubWebhooks() {
    }

    /** A payload example, e.g. {@code pull_request.opened}, as an editable tree. */
    public static ObjectNode payload(String name) {
        try {
            return (ObjectNode) JSON.readTree(Fixtures.text(GitHubWebhooks.class, "GitHubWebhooks", name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A comment on pull request Codertocat/Hello-World#1 with this body, by {@code login}. */
    public static ObjectNode comment(String body, String login) {
        ObjectNode payload = payload("issue_comment.created.on-pull-request");
        ObjectNode comment = (ObjectNode) payload.get("comment");
        comment.put("body", body);
        ((ObjectNode) comment.get("user")).put("login", login);
        ((ObjectNode) payload.get("sender")).put("login", login);
        return payload;
    }

    /** A command comment by {@code login} on acme/shop#{@code number}. */
    public static ObjectNode commentOnShop(int number, String body, String login) {
        ObjectNode payload = comment(body, login);
        onShop(payload);
        ((ObjectNode) payload.get("issue")).put("number", number);
        return payload;
    }

    /**
     * A {@code pull_request} event (opened, synchronize, ...) of acme/shop#{@code number} at
     * {@code sha}; from a fork (mallory/shop) when asked.
     */
    public static ObjectNode pullRequestOnShop(String action, int number, String sha, boolean fork, String... labels) {
        ObjectNode payload = payload("pull_request." + action);
        onShop(payload);
        payload.put("number", number);
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("number", number);
        ((ObjectNode) pr.get("head")).put("sha", sha);
        ((ObjectNode) pr.get("head").get("repo")).put("full_name", fork ? "mallory/shop" : "acme/shop");
        ((ObjectNode) pr.get("base").get("repo")).put("full_name", "acme/shop");
        var names = pr.putArray("labels");
        for (String label : labels) {
            names.addObject().put("name", label);
        }
        if (payload.has("label") && labels.length > 0) {
            ((ObjectNode) payload.get("label")).put("name", labels[0]);
        }
        return payload;
    }

    private static void onShop(ObjectNode payload) {
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("full_name", "acme/shop").put("name", "shop");
        ((ObjectNode) repository.get("owner")).put("login", "acme");
    }

    public static byte[] bytes(Object payload) {
        try {
            return payload instanceof byte[] raw ? raw : JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery as GitHub sends it: the body's exact bytes signed with {@link #SECRET}. */
    public static HttpRequest delivery(URI endpoint, String event, String deliveryId, byte[] body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-GitHub-Hook-ID", "292430182")
                .header("X-Hub-Signature-256", new WebhookSignature(SECRET).header(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
