package dev.runbot.provisioner.config;

import java.util.Optional;

/**
 * A problem together with the value it is about, so that later checks leave that value (and what is
 * inside it) alone instead of reporting it twice.
 *
 * @param about the value the problem is about; empty when it is about no single value
 */
record Finding(Optional<FieldPath> about, ConfigProblem problem) {

    static Finding at(FieldPath about, ConfigProblem problem) {
        return new Finding(Optional.of(about), problem);
    }

    /** Whether {@code path} is the value this is about, or inside it. */
    boolean covers(FieldPath path) {
        return about.isPresent() && path.startsWith(about.get());
    }
}
