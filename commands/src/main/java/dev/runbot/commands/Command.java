package dev.runbot.commands;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed command: what was asked, of which pull request, with which arguments.
 *
 * <p>{@code target} is empty only for verbs that need none ({@code list}, {@code help}).
 * {@code duration} is the TTL of {@code up}, or the length of {@code pin} and {@code extend}
 * when one was given. {@code overrides} are the {@code --set} pairs of {@code up}, in the order typed.
 * {@code repository} is the filter of {@code list}; {@code topic} the verb {@code help} was asked about.
 */
public record Command(
        Verb verb,
        Optional<PullRequestRef> target,
        Optional<Duration> duration,
        Map<String, String> overrides,
        Optional<RepositoryName> repository,
        Optional<Verb> topic) {

    public Command {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        overrides.forEach((key, value) -> {
            Objects.requireNonNull(key, "override key");
            Objects.requireNonNull(value, "override value of " + key);
        });
    }

    /** A command with no arguments. */
    public static Command of(Verb verb, PullRequestRef target) {
        return new Command(verb, Optional.of(target), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }
}
