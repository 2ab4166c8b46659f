package dev.runbot.bot;

import io.micronaut.runtime.Micronaut;

/** Starts runbot. With no configuration it runs on embedded defaults: H2, dry-run cluster, log notifications. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
