package dev.runbot.commands;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A repository as {@code owner/name}, validated the way GitHub names them. */
public record RepositoryName(String owner, String name) {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public RepositoryName {
        if (!isOwner(owner) || !isName(name)) {
            throw new IllegalArgumentException("not a repository name: " + owner + "/" + name);
        }
    }

    /** Parses {@code owner/name}; empty when the text is not one. */
    public static Optional<RepositoryName> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        String owner = text.substring(0, slash);
        String name = text.substring(slash + 1);
        return isOwner(owner) && isName(name) ? Optional.of(new RepositoryName(owner, name)) : Optional.empty();
    }

    static boolean isOwner(String owner) {
        return owner != null && OWNER.matcher(owner).matches();
    }

    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** GitHub treats repository names case-insensitively; so does runbot when it compares them. */
    public String key() {
        return toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
