package dev.runbot.provisioner.lifecycle;

import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every environment's deadlines on each level-triggered pass: pins end, unpinned
 * environments past their expiry are destroyed, and people are warned before that happens. One
 * environment's trouble never keeps the others from their deadlines.
 */
@Singleton
public class Deadlines {

    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);
    private static final List<EnvironmentState> LIVE_AND_WANTED = List.of(EnvironmentState.PENDING,
            EnvironmentState.PROVISIONING, EnvironmentState.READY, EnvironmentState.FAILED);

    private final EnvironmentStore store;
    private final EnvironmentService service;

    Deadlines(EnvironmentStore store, EnvironmentService service) {
        this.store = store;
        this.service = service;
    }

    /** Applies every deadline that has come; returns what changed. */
    public List<EnvironmentEvent> apply() {
        List<EnvironmentEvent> events = new ArrayList<>();
        for (Environment environment : store.findByStateInList(LIVE_AND_WANTED)) {
            if (!service.deadlineDue(environment)) {
                continue;
            }
            try {
                events.addAll(service.applyDeadlines(environment.id()));
            } catch (RuntimeException e) {
                LOG.warn("applying the deadlines of \"{}\" failed; the next pass tries again", environment.name(), e);
            }
        }
        return events;
    }
}
