package dev.runbot.provisioner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One real PostgreSQL 17 per test JVM (zonky's embedded binaries), each test class on its own database. */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static int databases;

    private EmbeddedPostgres() {
    }

    /** Datasource properties for a fresh, empty database. */
    public static synchronized Map<String, String> freshDatabase() {
        try {
            if (server == null) {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgres::stop));
            }
            String name = "runbot_" + (++databases);
            try (var connection = server.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return Map.of(
                    "datasources.default.url", server.getJdbcUrl("postgres", name),
                    "datasources.default.driver-class-name", "org.postgresql.Driver",
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "");
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL", e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("creating a test database in embedded PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the JVM is exiting; the data directory is temporary
        }
    }
}
