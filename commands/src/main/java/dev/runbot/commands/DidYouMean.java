package dev.runbot.commands;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The verb someone probably meant when they typed a word runbot does not know: the verb whose word
 * or alias is fewest edits away (insert, delete, substitute, swap two neighbours).
 */
final class DidYouMean {

    private static final int MOST_EDITS = 2;

    private DidYouMean() {
    }

    /**
     * The verb closest to {@code typed}, compared after compatibility normalisation so fullwidth
     * {@code ｕｐ} suggests {@code up}. A candidate needs more letters than edits: {@code xx} is two
     * edits from {@code up} but nobody meant it.
     */
    static Optional<Verb> verb(String typed) {
        int[] wanted = Normalizer.normalize(typed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).codePoints().toArray();
        Verb best = null;
        int fewest = MOST_EDITS + 1;
        for (Verb verb : Verb.values()) {
            for (String word : Stream.concat(Stream.of(verb.word()), verb.aliases().stream()).toList()) {
                int edits = EditDistance.between(wanted, word.codePoints().toArray(), MOST_EDITS);
                if (edits < fewest && edits < word.length()) {
                    best = verb;
                    fewest = edits;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
