package dev.runbot.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixture files beside the tests that read them ({@code src/test/resources/<package>/<folder>/<name>}). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The text of {@code folder/name} in {@code owner}'s package, e.g. {@code GitHubFlowTest/user.json}. */
    public static String text(Class<?> owner, String folder, String name) {
        try (InputStream in = owner.getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + folder + "/" + name + " beside " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
