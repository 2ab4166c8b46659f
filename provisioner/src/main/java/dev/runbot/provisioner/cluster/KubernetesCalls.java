package dev.runbot.provisioner.cluster;

import io.kubernetes.client.common.KubernetesType;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the Kubernetes API and retries what may fix itself — 5xx, 429 (after the server's
 * Retry-After), timeouts and dropped connections — with capped exponential backoff. Any other
 * answer goes back to the caller, who knows whether a 404 or 409 is fine.
 */
final class KubernetesCalls {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesCalls.class);

    private final int attempts;
    private final Duration base;
    private final Duration cap;

    KubernetesCalls(int attempts, Duration base, Duration cap) {
        this.attempts = attempts;
        this.base = base;
        this.cap = cap;
    }

    /**
     * @param what what is being done, quoted in logs and errors: {@code applying "Deployment/app" to "shop-pr-42"}
     * @throws KubernetesUnavailableException when every attempt failed transiently
     */
    <T extends KubernetesType> KubernetesApiResponse<T> call(String what, Supplier<KubernetesApiResponse<T>> call) {
        String lastProblem = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            try {
                KubernetesApiResponse<T> response = answer(call);
                int code = response.getHttpStatusCode();
                if (!transientStatus(code)) {
                    return response;
                }
                lastProblem = describe(response);
                retryAfter = retryAfter(response.getStatus());
            } catch (RuntimeException e) {
                if (!transientFailure(e)) {
                    throw e;
                }
                lastProblem = "no answer (" + rootMessage(e) + ")";
            }
            if (attempt < attempts) {
                Duration wait = retryAfter.orElse(backoff(attempt));
                LOG.info("{}: {}; attempt {} of {}, retrying in {} ms", what, lastProblem, attempt, attempts,
                        wait.toMillis());
                sleep(wait);
            }
        }
        throw new KubernetesUnavailableException(what + " failed " + attempts + " times; last: " + lastProblem);
    }

    /**
     * The call's answer. client-java throws instead of answering when an error body is not a
     * Kubernetes Status (a proxy's HTML page, an empty 404); such an answer keeps its HTTP code.
     */
    private static <T extends KubernetesType> KubernetesApiResponse<T> answer(Supplier<KubernetesApiResponse<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ApiException api && api.getCode() > 0) {
                    String body = api.getResponseBody() == null || api.getResponseBody().isBlank()
                            ? "no details" : api.getResponseBody().strip();
                    return new KubernetesApiResponse<>(new V1Status().code(api.getCode()).message(body), api.getCode());
                }
            }
            throw e;
        }
    }

    /** {@code 403 Forbidden: deployments.apps is forbidden: ...} */
    static String describe(KubernetesApiResponse<?> response) {
        V1Status status = response.getStatus();
        String reason = status == null || status.getReason() == null ? "" : " " + status.getReason();
        String message = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
        return response.getHttpStatusCode() + reason + message;
    }

    private Duration backoff(int attempt) {
        long millis = base.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    private Optional<Duration> retryAfter(V1Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null) {
            return Optional.empty();
        }
        Duration asked = Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
        return Optional.of(asked.compareTo(cap) > 0 ? cap : asked);
    }

    private static boolean transientStatus(int code) {
        return code == 0 || code == 429 || code >= 500;
    }

    /** Dropped connections and timeouts may pass; a TLS certificate nobody trusts will not. */
    private static boolean transientFailure(RuntimeException e) {
        boolean io = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return false;
            }
            io |= cause instanceof IOException;
        }
        return io;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while waiting to retry"));
        }
    }
}
