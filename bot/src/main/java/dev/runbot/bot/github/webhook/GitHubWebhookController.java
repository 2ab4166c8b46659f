package dev.runbot.bot.github.webhook;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.WebhookSignature;
import dev.runbot.bot.inbound.InboundQueue;
import dev.runbot.provisioner.LogContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github}: verifies the signature over the raw body before anything else,
 * decides what the delivery asks, queues work once per delivery id, and answers in milliseconds.
 * The work itself runs on the inbound-work pump.
 */
@Controller("/webhooks/github")
@Requires(condition = GitHubEnabled.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GitHubWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookController.class);
    private static final int DELIVERY_ID_LIMIT = 128;
    /** Where delivery ids are remembered, apart from Slack's. */
    private static final String SOURCE = "github";

    private final WebhookSignature signature;
    private final WebhookReader reader;
    private final InboundQueue inbound;

    GitHubWebhookController(GitHubSettings settings, WebhookReader reader, InboundQueue inbound) {
        this.signature = new WebhookSignature(settings.webhookSecret());
        this.reader = reader;
        this.inbound = inbound;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<WebhookAnswer> receive(@Body @Nullable byte[] body,
                                               @Header("X-Hub-Signature-256") @Nullable String signed,
                                               @Header("X-GitHub-Event") @Nullable String event,
                                               @Header("X-GitHub-Delivery") @Nullable String deliveryId,
                                               @Header("Content-Type") @Nullable String contentType) {
        try (LogContext context = LogContext.delivery(deliveryId)) {
            return receive(body, signed, event, deliveryId, contentType, context);
        }
    }

    private HttpResponse<WebhookAnswer> receive(byte[] body, String signed, String event, String deliveryId,
                                                String contentType, LogContext context) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.matches(raw, signed)) {
            LOG.warn("GitHub delivery {} refused: {}", quoted(deliveryId),
                    signed == null ? "no X-Hub-Signature-256 header" : "its signature does not match the webhook secret");
            return answer(HttpStatus.UNAUTHORIZED, signed == null
                    ? "The delivery is not signed. Set the webhook's secret to runbot.github.webhook-secret."
                    : "The signature does not match. The webhook's secret must equal runbot.github.webhook-secret.");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > DELIVERY_ID_LIMIT) {
            LOG.warn("GitHub delivery of \"{}\" refused: no usable X-GitHub-Delivery header", event);
            return answer(HttpStatus.BAD_REQUEST, "The delivery has no X-GitHub-Delivery id (at most "
                    + DELIVERY_ID_LIMIT + " characters); runbot needs it to act on each delivery once.");
        }
        if (contentType != null && contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            LOG.warn("GitHub delivery {} refused: form-encoded", quoted(deliveryId));
            return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "runbot reads JSON deliveries. Set the webhook's content type to application/json.");
        }
        WebhookVerdict verdict = reader.read(event, deliveryId, raw);
        if (verdict instanceof WebhookVerdict.Answer answer) {
            if (answer.status() >= 400) {
                LOG.warn("GitHub delivery {} ({}) refused: {}", quoted(deliveryId), event, answer.message());
            } else {
                LOG.debug("GitHub delivery {} ({}): {}", quoted(deliveryId), event, answer.message());
            }
            return answer(HttpStatus.valueOf(answer.status()), answer.message());
        }
        WebhookVerdict.Work work = (WebhookVerdict.Work) verdict;
        if (work.work() instanceof CommentCommand command) {
            context.with(command.repository(), command.pullRequest());
        } else if (work.work() instanceof PullRequestChange change) {
            context.with(change.repository(), change.pullRequest());
        }
        if (!inbound.accept(SOURCE, deliveryId, InboundQueue.GITHUB, work.kind(), work.work())) {
            LOG.info("GitHub delivery {} was received before; {} is not acted on again", quoted(deliveryId),
                    work.summary());
            return answer(HttpStatus.OK, "This delivery was received before; runbot acts on it once.");
        }
        LOG.info("GitHub delivery {}: queued {}", quoted(deliveryId), work.summary());
        inbound.run();
        return answer(HttpStatus.ACCEPTED, "Queued " + work.summary() + ".");
    }

    private static HttpResponse<WebhookAnswer> answer(HttpStatus status, String message) {
        return HttpResponse.<WebhookAnswer>status(status).body(new WebhookAnswer(message));
    }

    private static String quoted(String deliveryId) {
        return deliveryId == null ? "(no id)" : "\"" + deliveryId.replaceAll("[^A-Za-z0-9-]", "?") + "\"";
    }
}
