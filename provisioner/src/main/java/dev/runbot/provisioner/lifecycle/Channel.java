package dev.runbot.provisioner.lifecycle;

import java.util.Locale;

/** Where a change came from, as recorded in the audit log. */
public enum Channel {
    GITHUB,
    SLACK,
    API,
    /** runbot's own work: reconciling, expiring, cleaning up. */
    RUNBOT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
