package dev.runbot.provisioner.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What reading a {@code .preview.yaml} gives: the configuration, or every problem that keeps it from
 * being one. {@link PreviewConfigParser} never throws for the text it is given; every outcome is one of these.
 */
public sealed interface PreviewConfigResult permits PreviewConfigResult.Valid, PreviewConfigResult.Invalid {

    /** The file is valid; settings it leaves out have their defaults. */
    record Valid(PreviewConfig config) implements PreviewConfigResult {
    }

    /** The file cannot be used; {@code problems} are in the order they appear in it, missing settings last. */
    record Invalid(List<ConfigProblem> problems) implements PreviewConfigResult {

        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid .preview.yaml has at least one problem");
            }
        }

        /** One {@link ConfigProblem#describe()} a line, for a reply that lists them all. */
        public String text() {
            return problems.stream().map(ConfigProblem::describe).collect(Collectors.joining("\n"));
        }
    }
}
