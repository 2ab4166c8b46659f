package dev.runbot.provisioner.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The databases an environment can have, each optional and private to its namespace. */
public enum Database {
    POSTGRES,
    MARIADB,
    REDIS;

    /** The name used in {@code .preview.yaml}, chart values and object names: {@code postgres}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether seed SQL scripts can run against it. */
    public boolean sql() {
        return this != REDIS;
    }

    public static Optional<Database> byKey(String key) {
        return Arrays.stream(values()).filter(database -> database.key().equals(key)).findFirst();
    }
}
