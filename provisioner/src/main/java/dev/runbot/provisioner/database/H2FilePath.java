package dev.runbot.provisioner.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The embedded default database lives in {@code <runbot.data-dir>/runbot}. H2 refuses file paths
 * that are relative without {@code ./}, and {@code runbot.data-dir} may be either, so a relative
 * H2 file path is made absolute (against the working directory) before the pool opens it.
 */
@Singleton
public class H2FilePath implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String PREFIX = "jdbc:h2:file:";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getUrl();
        if (url != null && url.startsWith(PREFIX)) {
            configuration.setUrl(absolute(url));
        }
        return configuration;
    }

    static String absolute(String url) {
        String rest = url.substring(PREFIX.length());
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.startsWith("~") || Path.of(path).isAbsolute()) {
            return url;
        }
        String tail = options < 0 ? "" : rest.substring(options);
        return PREFIX + Path.of(path).toAbsolutePath().normalize() + tail;
    }
}
