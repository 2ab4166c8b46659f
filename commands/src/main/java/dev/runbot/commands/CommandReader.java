package dev.runbot.commands;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the words of one command, left to right, into a {@link Command}: the verb, then the
 * arguments that verb takes. The first mistake found ends reading with an {@link Invalid}.
 */
final class CommandReader {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    /** A chart value, not a file: long enough for a URL or a feature list, short enough to store and show. */
    static final int MAX_VALUE_LENGTH = 1024;

    private final Verb verb;
    private final TargetRule targets;
    private final Deque<String> words;

    private String typedTarget;
    private Optional<PullRequestRef> target = Optional.empty();
    private Duration duration;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private RepositoryName repository;
    private Verb topic;

    private CommandReader(Verb verb, List<String> words, TargetRule targets) {
        this.verb = verb;
        this.targets = targets;
        this.words = new ArrayDeque<>(words);
    }

    /** The command {@code words} spell; no words at all ask for help. */
    static Command read(List<String> words, TargetRule targets) {
        if (words.isEmpty()) {
            return new CommandReader(Verb.HELP, words, targets).read();
        }
        String typed = words.get(0);
        Verb verb = Verb.lookup(typed)
                .orElseThrow(() -> new Invalid(Messages.unknownVerb(typed, DidYouMean.verb(typed))));
        return new CommandReader(verb, words.subList(1, words.size()), targets).read();
    }

    private Command read() {
        while (!words.isEmpty()) {
            String word = words.removeFirst();
            if (TargetRule.needs(verb) && !isOption(word) && TypedTarget.looksLikeOne(word)) {
                target(word);
            } else if (takesNoArguments()) {
                throw new Invalid(Messages.extraArgument(verb, word));
            } else if (isOption(word)) {
                option(word);
            } else {
                argument(word);
            }
        }
        if (typedTarget == null) {
            target = targets.resolve(verb, Optional.empty());
        }
        return new Command(verb, target, Optional.ofNullable(duration), overrides,
                Optional.ofNullable(repository), Optional.ofNullable(topic));
    }

    private boolean takesNoArguments() {
        return verb == Verb.DOWN || verb == Verb.UNPIN || verb == Verb.STATUS;
    }

    private void target(String word) {
        if (typedTarget != null) {
            throw new Invalid(Messages.twoTargets(typedTarget, word));
        }
        typedTarget = word;
        target = targets.resolve(verb, Optional.of(word));
    }

    /** The one positional argument {@code pin}, {@code extend}, {@code list} and {@code help} take. */
    private void argument(String word) {
        if (duration != null || repository != null || topic != null) {
            throw new Invalid(Messages.extraArgument(verb, word));
        }
        switch (verb) {
            case PIN, EXTEND -> duration = duration(word);
            case LIST -> repository = RepositoryName.parse(word)
                    .orElseThrow(() -> new Invalid(Messages.notARepository(word)));
            case HELP -> topic = Verb.lookup(word)
                    .orElseThrow(() -> new Invalid(Messages.unknownVerb(word, DidYouMean.verb(word))));
            default -> throw new Invalid(Messages.extraArgument(verb, word));
        }
    }

    /** Options start with {@code --}, or with the dash that phones and macOS make of it. */
    private static boolean isOption(String word) {
        return word.startsWith("--") || word.startsWith("\u2014") || word.startsWith("\u2013");
    }

    private void option(String word) {
        int equals = word.indexOf('=');
        String typedName = equals < 0 ? word : word.substring(0, equals);
        String name = "--" + Tokens.asciiLowerCase(typedName.replaceFirst("^(--|\u2014|\u2013)", ""));
        if (verb != Verb.UP || !(name.equals("--ttl") || name.equals("--set"))) {
            throw new Invalid(Messages.unknownOption(typedName, verb));
        }
        Optional<String> value = equals < 0 ? nextValue() : Optional.of(word.substring(equals + 1)).filter(v -> !v.isEmpty());
        if (name.equals("--ttl")) {
            duration = duration(value.orElseThrow(() -> new Invalid(Messages.ttlNeedsDuration(typedName))));
        } else {
            override(value.orElseThrow(() -> new Invalid(Messages.setNeedsPair(typedName))));
        }
    }

    /** The next word as an option's value, unless it is the next option (then the value is missing). */
    private Optional<String> nextValue() {
        return words.isEmpty() || isOption(words.peekFirst()) ? Optional.empty() : Optional.of(words.removeFirst());
    }

    private static Duration duration(String typed) {
        Duration parsed = Durations.parse(typed).orElseThrow(() -> new Invalid(Messages.notADuration(typed)));
        if (parsed.compareTo(Durations.MINIMUM) < 0) {
            throw new Invalid(Messages.durationTooShort(typed));
        }
        return parsed;
    }

    /** {@code key=value}, taken literally: no commas, braces or escapes mean anything here. */
    private void override(String pair) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
            throw new Invalid(Messages.notAnOverride(pair));
        }
        String key = pair.substring(0, equals);
        String value = pair.substring(equals + 1);
        if (!KEY.matcher(key).matches()) {
            throw new Invalid(Messages.badOverrideKey(key));
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new Invalid(Messages.controlCharacter(key));
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new Invalid(Messages.overrideValueTooLong(key, value.length(), MAX_VALUE_LENGTH));
        }
        overrides.put(key, value);
    }
}
