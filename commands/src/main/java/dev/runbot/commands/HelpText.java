package dev.runbot.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The help every channel shows, so GitHub, Slack and the API teach the same grammar. The words
 * live in {@code help.properties} beside this class.
 */
public final class HelpText {

    private static final String RESOURCE = "help.properties";
    private static final Properties WORDS = load();

    private HelpText() {
    }

    /** The whole grammar: one line per verb, then examples. */
    public static Reply overview() {
        String verbs = Arrays.stream(Verb.values())
                .map(verb -> words(verb, "usage") + " — " + words(verb, "summary"))
                .collect(Collectors.joining("\n"));
        String text = words("intro") + "\n\n" + verbs + "\n\n" + words("outro") + "\n\nExamples:\n" + words("examples");
        return Reply.message(Reply.Outcome.INFO, words("title"), text);
    }

    /** One verb: how to type it, what it does, and examples. */
    public static Reply about(Verb verb) {
        String summary = words(verb, "summary");
        String aliases = verb.aliases().stream().map(alias -> "/preview " + alias).collect(Collectors.joining(", "));
        String text = Character.toUpperCase(summary.charAt(0)) + summary.substring(1) + ".\n\n"
                + "Usage: " + words(verb, "usage") + "\n"
                + (aliases.isEmpty() ? "" : "Also written: " + aliases + "\n")
                + "\n" + words(verb, "details") + "\n\nExamples:\n" + words(verb, "examples");
        return Reply.message(Reply.Outcome.INFO, words("title") + ": " + verb.word(), text);
    }

    private static String words(Verb verb, String part) {
        return words(verb.word() + "." + part);
    }

    private static String words(String key) {
        String words = WORDS.getProperty(key);
        if (words == null || words.isBlank()) {
            throw new IllegalStateException("help text \"" + key + "\" is missing from " + RESOURCE);
        }
        return words;
    }

    private static Properties load() {
        try (InputStream in = HelpText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("help text " + RESOURCE + " is missing beside " + HelpText.class.getName());
            }
            Properties words = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                words.load(reader);
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("reading help text " + RESOURCE, e);
        }
    }
}
