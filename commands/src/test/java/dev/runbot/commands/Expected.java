package dev.runbot.commands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Expected parse results, written the way a reader of the test tables thinks of them. */
final class Expected {

    private Expected() {
    }

    static PullRequestRef pr(String ownerRepoNumber) {
        int hash = ownerRepoNumber.indexOf('#');
        return new PullRequestRef(RepositoryName.parse(ownerRepoNumber.substring(0, hash)).orElseThrow(),
                Integer.parseInt(ownerRepoNumber.substring(hash + 1)));
    }

    static Shape command(Verb verb) {
        return new Shape(verb);
    }

    static ParseResult answer(String message) {
        return new ParseResult.Answer(Reply.invalid(message));
    }

    static ParseResult ignored() {
        return new ParseResult.Ignored();
    }

    /** A command under construction; it is a {@link ParseResult} only through {@link #parsed()}. */
    static final class Shape {
        private final Verb verb;
        private Optional<PullRequestRef> target = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Optional<RepositoryName> repository = Optional.empty();
        private Optional<Verb> topic = Optional.empty();

        private Shape(Verb verb) {
            this.verb = verb;
        }

        Shape on(String pullRequest) {
            target = Optional.of(pr(pullRequest));
            return this;
        }

        Shape lasting(Duration length) {
            duration = Optional.of(length);
            return this;
        }

        Shape set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        Shape of(String ownerRepo) {
            repository = RepositoryName.parse(ownerRepo);
            return this;
        }

        Shape about(Verb verb) {
            topic = Optional.of(verb);
            return this;
        }

        Command build() {
            return new Command(verb, target, duration, overrides, repository, topic);
        }

        ParseResult parsed() {
            return new ParseResult.Parsed(build());
        }
    }
}
