package dev.runbot.provisioner.chart;

/**
 * The credentials of one database of one environment. Generated once, kept in a Secret in the
 * environment's namespace, and read back before every render so redeploys keep them.
 * {@link #toString()} never shows the password.
 */
public record DatabaseCredentials(String database, String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[database=" + database + ", username=" + username + ", password=<hidden>]";
    }
}
