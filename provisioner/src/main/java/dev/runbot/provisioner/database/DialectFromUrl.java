package dev.runbot.provisioner.database;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.jdbc.config.DataJdbcConfiguration;
import io.micronaut.data.model.query.builder.sql.Dialect;
import jakarta.inject.Singleton;

/**
 * Operators set only {@code datasources.default.url}; the SQL dialect follows from it
 * ({@code jdbc:postgresql:} → PostgreSQL, anything else → H2) unless
 * {@code datasources.<name>.dialect} says otherwise.
 */
@Singleton
public class DialectFromUrl implements BeanCreatedEventListener<DataJdbcConfiguration> {

    private final Environment environment;

    DialectFromUrl(Environment environment) {
        this.environment = environment;
    }

    @Override
    public DataJdbcConfiguration onCreated(BeanCreatedEvent<DataJdbcConfiguration> event) {
        DataJdbcConfiguration configuration = event.getBean();
        String prefix = "datasources." + configuration.getName() + ".";
        if (!environment.containsProperty(prefix + "dialect")) {
            String url = environment.getProperty(prefix + "url", String.class).orElse("");
            configuration.setDialect(dialectOf(url));
        }
        return configuration;
    }

    static Dialect dialectOf(String url) {
        return url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRES : Dialect.H2;
    }
}
