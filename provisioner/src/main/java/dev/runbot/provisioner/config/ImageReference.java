package dev.runbot.provisioner.config;

import dev.runbot.commands.PullRequestRef;
import java.util.Locale;
import java.util.Optional;

/** Resolves the image of a pull request from the repository's tag template; runbot builds nothing. */
public final class ImageReference {

    private ImageReference() {
    }

    /**
     * {@code ghcr.io/acme/shop:pr-42-abc1234}. Without a head sha a template that needs one
     * cannot be filled, so the repository's fallback tag is used instead.
     */
    public static String resolve(PreviewConfig config, PullRequestRef pullRequest, Optional<String> headSha,
                                 Optional<String> branch) {
        String template = config.tag();
        boolean needsSha = template.contains("{sha}") || template.contains("{sha7}");
        boolean needsBranch = template.contains("{branch}");
        if ((needsSha && headSha.isEmpty()) || (needsBranch && branch.isEmpty())) {
            return config.image() + ":" + config.fallbackTag().orElse(PreviewConfig.DEFAULT_FALLBACK_TAG);
        }
        String sha = headSha.orElse("");
        String tag = template
                .replace("{number}", Integer.toString(pullRequest.number()))
                .replace("{sha7}", sha.substring(0, Math.min(7, sha.length())))
                .replace("{sha}", sha)
                .replace("{branch}", branch.map(ImageReference::tagSafe).orElse(""));
        return config.image() + ":" + tag;
    }

    /** Branch names may hold characters a tag may not ({@code feature/x} → {@code feature-x}). */
    private static String tagSafe(String branch) {
        String safe = branch.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[.-]+", "");
        return safe.substring(0, Math.min(safe.length(), 128)).toLowerCase(Locale.ROOT);
    }
}
