package dev.runbot.provisioner.config;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The setting someone probably meant when they wrote a name runbot does not know: the known name
 * fewest edits away (insert, delete, substitute, swap two neighbours), ignoring case, {@code _} and
 * {@code -}, so {@code auto_deploy} suggests {@code autoDeploy} and {@code imgae} suggests {@code image}.
 */
final class ClosestName {

    private static final int MOST_EDITS = 2;

    private ClosestName() {
    }

    /**
     * The first of the closest {@code known} names; empty when none is close enough to be a typo. Both
     * names need more letters than the edits between them: {@code a} is two edits from {@code tag},
     * but nobody meant it.
     */
    static Optional<String> among(String typed, List<String> known) {
        int[] wanted = comparable(typed);
        String best = null;
        int fewest = MOST_EDITS + 1;
        for (String name : known) {
            int[] candidate = comparable(name);
            int edits = distance(wanted, candidate);
            if (edits < fewest && edits < candidate.length && edits < wanted.length) {
                best = name;
                fewest = edits;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int[] comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .codePoints().filter(c -> c != '_' && c != '-').toArray();
    }

    /** Optimal string alignment distance; names whose lengths differ by more than the limit are not compared. */
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
