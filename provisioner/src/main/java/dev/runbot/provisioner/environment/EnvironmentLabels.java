package dev.runbot.provisioner.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels and annotations runbot puts on a namespace and every object in it: enough to find
 * everything runbot made with one label selector, and to rebuild the environment's row from the
 * cluster if the database is lost.
 */
public final class EnvironmentLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "runbot";
    public static final String ENVIRONMENT = "runbot.dev/environment";
    public static final String REPOSITORY = "runbot.dev/repository";
    public static final String PULL_REQUEST = "runbot.dev/pull-request";
    public static final String REPOSITORY_NAME = "runbot.dev/repository-name";
    public static final String HEAD_SHA = "runbot.dev/head-sha";
    public static final String EXPIRES_AT = "runbot.dev/expires-at";
    public static final String PINNED_UNTIL = "runbot.dev/pinned-until";
    public static final String REQUESTED_BY = "runbot.dev/requested-by";
    public static final String CREATED_AT = "runbot.dev/created-at";
    public static final String DEPLOYED_AT = "runbot.dev/deployed-at";
    public static final String URL = "runbot.dev/url";
    public static final String IMAGE = "runbot.dev/image";
    public static final String TTL = "runbot.dev/ttl";
    public static final String OVERRIDES = "runbot.dev/overrides";

    /** Every annotation runbot owns, so one it no longer sets (a pin that ended) can be removed. */
    public static final List<String> ANNOTATIONS = List.of(REPOSITORY_NAME, HEAD_SHA, EXPIRES_AT, PINNED_UNTIL,
            REQUESTED_BY, CREATED_AT, DEPLOYED_AT, URL, IMAGE, TTL, OVERRIDES);

    /** The installation a namespace belongs to (runbot.instance): on namespaces only, where runbot looks for its own. */
    public static final String INSTANCE = "runbot.dev/instance";

    /** The selector of everything runbot made, any installation's. */
    public static final String SELECTOR = MANAGED_BY + "=" + MANAGER;

    /** The selector of one installation's namespaces. */
    public static String namespaceSelector(String instance) {
        return SELECTOR + "," + INSTANCE + "=" + instance;
    }

    private static final int LABEL_VALUE_MAX = 63;

    private EnvironmentLabels() {
    }

    public static Map<String, String> labels(Environment environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(ENVIRONMENT, environment.name());
        labels.put(REPOSITORY, labelValue(environment.repository().replace('/', '.')));
        labels.put(PULL_REQUEST, Integer.toString(environment.pullRequest()));
        return labels;
    }

    /** Annotations hold what labels cannot: exact names, timestamps, people. Absent values are left out. */
    public static Map<String, String> annotations(Environment environment) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(REPOSITORY_NAME, environment.repository());
        if (environment.headSha() != null) {
            annotations.put(HEAD_SHA, environment.headSha());
        }
        annotations.put(EXPIRES_AT, environment.expiresAt().toString());
        if (environment.pinnedUntil() != null) {
            annotations.put(PINNED_UNTIL, environment.pinnedUntil().toString());
        }
        annotations.put(REQUESTED_BY, environment.requestedBy());
        annotations.put(CREATED_AT, environment.createdAt().toString());
        annotations.put(DEPLOYED_AT, environment.deployedAt().toString());
        annotations.put(URL, environment.url());
        if (environment.image() != null) {
            annotations.put(IMAGE, environment.image());
        }
        annotations.put(TTL, environment.ttl().toString());
        if (!environment.overrides().isEmpty()) {
            annotations.put(OVERRIDES, new OverridesConverter().convertToPersistedValue(environment.overrides(), null));
        }
        return annotations;
    }

    /**
     * A valid label value: at most 63 characters, alphanumeric at both ends. A longer value is cut
     * and ends in a hash of the whole, so two long repository names never share a label.
     */
    static String labelValue(String value) {
        String trimmed = value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        if (trimmed.length() <= LABEL_VALUE_MAX) {
            return trimmed;
        }
        String hash = sha256(value).substring(0, 10);
        String head = trimmed.substring(0, LABEL_VALUE_MAX - hash.length() - 1).replaceAll("[^A-Za-z0-9]+$", "");
        return head + "-" + hash;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
