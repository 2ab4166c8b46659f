package dev.runbot.provisioner.config;

import dev.runbot.commands.EditDistance;
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
            int edits = EditDistance.between(wanted, candidate, MOST_EDITS);
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
}
