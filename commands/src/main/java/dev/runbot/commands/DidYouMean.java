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
                int edits = distance(wanted, word.codePoints().toArray());
                if (edits < fewest && edits < word.length()) {
                    best = verb;
                    fewest = edits;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance; words whose lengths differ by more than the limit are not compared. */
    static int distance(int[] a, int[] b) {
        if (Math.abs(a.length - b.length) > MOST_EDITS) {
            return MOST_EDITS + 1;
        }
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length][b.length];
    }
}
