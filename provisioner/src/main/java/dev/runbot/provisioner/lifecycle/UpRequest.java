package dev.runbot.provisioner.lifecycle;

import dev.runbot.provisioner.config.PreviewConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code up} needs to know beyond the pull request.
 *
 * @param config    the repository's {@code .preview.yaml}
 * @param headSha   the pull request's head, when known
 * @param branch    the pull request's branch, when known
 * @param ttl       the {@code --ttl} asked for
 * @param overrides the {@code --set} pairs
 */
public record UpRequest(
        PreviewConfig config,
        Optional<String> headSha,
        Optional<String> branch,
        Optional<Duration> ttl,
        Map<String, String> overrides,
        Requester requester) {

    public UpRequest {
        overrides = Map.copyOf(overrides);
    }
}
