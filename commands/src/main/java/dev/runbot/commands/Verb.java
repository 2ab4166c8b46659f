package dev.runbot.commands;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The verbs of the command language, each with its aliases and whether it changes an environment. */
public enum Verb {
    UP(true, "deploy"),
    DOWN(true, "destroy"),
    PIN(true),
    UNPIN(true),
    EXTEND(true),
    STATUS(false),
    LIST(false),
    HELP(false);

    private final boolean mutating;
    private final List<String> aliases;

    Verb(boolean mutating, String... aliases) {
        this.mutating = mutating;
        this.aliases = List.of(aliases);
    }

    /** The word people type, e.g. {@code up}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Whether running the verb changes an environment (and so needs write permission). */
    public boolean mutating() {
        return mutating;
    }

    /** The verb whose word or alias is {@code text}, ignoring case. */
    public static Optional<Verb> lookup(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(verb -> verb.word().equals(wanted) || verb.aliases.contains(wanted))
                .findFirst();
    }
}
