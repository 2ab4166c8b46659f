package dev.runbot.provisioner.environment;

import dev.runbot.commands.PullRequestRef;
import java.util.Locale;

/**
 * Names an environment {@code {project}-pr-{number}}: a DNS-1123 label that serves as the
 * environment's name, its namespace and the first label of its host.
 */
public final class EnvironmentNames {

    static final int DNS_LABEL_MAX = 63;
    private static final String FALLBACK_PROJECT = "preview";

    private EnvironmentNames() {
    }

    /** {@code project} defaults to the repository name; either is sanitized to fit a DNS label. */
    public static String of(String project, PullRequestRef pullRequest) {
        String suffix = "-pr-" + pullRequest.number();
        String prefix = sanitize(project == null || project.isBlank() ? pullRequest.repository().name() : project);
        if (prefix.length() > DNS_LABEL_MAX - suffix.length()) {
            prefix = trimDashes(prefix.substring(0, DNS_LABEL_MAX - suffix.length()));
        }
        return (prefix.isEmpty() ? FALLBACK_PROJECT : prefix) + suffix;
    }

    /** Lower case, letters, digits and single dashes, starting with a letter or digit. */
    static String sanitize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return trimDashes(lower);
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+", "").replaceAll("-+$", "");
    }
}
