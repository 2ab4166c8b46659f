package dev.runbot.bot.web;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One environment as the dashboard shows it, every value already a string or link; the template
 * escapes them all, because branch names, overrides and requesters are typed by people.
 *
 * @param name           the environment's name, the key of its page
 * @param pullRequestUrl the pull request on GitHub (or GitHub Enterprise)
 * @param shortSha       the first 7 characters of the head sha, or absent when it is not known
 * @param commitUrl      the head commit on GitHub
 * @param age            how long it has been (or was) live
 * @param expires        when it expires, or a dash once destroyed
 * @param pinnedUntil    the pin's end, or a dash
 * @param requests       what it requests from the cluster, e.g. {@code 0.55 CPU, 768 MiB}
 * @param overrides      the {@code --set} pairs of its last {@code up}
 */
public record EnvironmentRow(
        String name,
        String repository,
        int pullRequest,
        String pullRequestUrl,
        String state,
        boolean live,
        boolean dryRun,
        String url,
        @Nullable String logsUrl,
        @Nullable String metricsUrl,
        @Nullable String shortSha,
        @Nullable String commitUrl,
        @Nullable String image,
        String created,
        String age,
        String expires,
        String pinnedUntil,
        String requestedBy,
        String costSoFar,
        String costPerDay,
        String requests,
        @Nullable String lastError,
        List<Override> overrides) {

    /** One {@code --set key=value} pair. */
    public record Override(String key, String value) {
    }

    /** One entry of the audit timeline. */
    public record Change(String at, String actor, String channel, String action, String detail) {
    }
}
