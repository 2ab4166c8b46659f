package dev.runbot.provisioner.lifecycle;

import dev.runbot.provisioner.environment.Environment;
import java.time.Instant;
import java.util.Locale;

/**
 * A change of an environment worth telling people about; notifiers turn these into messages on
 * the pull request and in Slack.
 *
 * @param environment the environment as it is after the change
 * @param detail      what a reader needs beyond the type, e.g. the error of a failed deploy
 */
public record EnvironmentEvent(Type type, Environment environment, Requester by, Instant at, String detail) {

    /** The kinds of change. */
    public enum Type {
        CREATED,
        REDEPLOYING,
        /** Applied to the cluster; waiting for its workloads to become ready. */
        APPLIED,
        READY,
        FAILED,
        EXTENDED,
        PINNED,
        UNPINNED,
        /** It expires soon (runbot.lifecycle.expiry-warning) unless someone extends or pins it. */
        EXPIRING,
        DESTROYING,
        DESTROYED,
        /** Its record was rebuilt from its namespace after the database lost it. */
        RESTORED;

        /** Past tense as the audit log and messages say it: {@code pinned}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
