package dev.runbot.provisioner.lifecycle;

import dev.runbot.provisioner.environment.Environment;
import java.util.List;

/** What asking the {@link EnvironmentService} for something gave. */
public sealed interface ServiceResult {

    /**
     * The environment changed; {@code events} say how, {@code note} adds what the person should
     * know (e.g. that an extension was cut at the maximum lifetime), possibly empty.
     */
    record Changed(Environment environment, List<EnvironmentEvent> events, String note) implements ServiceResult {
        public Changed {
            events = List.copyOf(events);
        }
    }

    /** Nothing needed to change; {@code note} says why, possibly empty. */
    record Unchanged(Environment environment, String note) implements ServiceResult {
    }

    /** Refused; nothing changed. {@code message} says what was wrong and what would work. */
    record Refused(Refusal reason, String message) implements ServiceResult {
    }

    /** Why a request was refused. */
    enum Refusal {
        /** There is no live environment for the pull request. */
        NOT_FOUND,
        /** A lifecycle limit or rule forbids it. */
        LIMIT,
        /** The request names something the repository's configuration does not allow. */
        NOT_ALLOWED
    }
}
