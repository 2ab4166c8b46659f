package dev.runbot.provisioner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory and everything below it; runbot owns a few (the chart copy, dry-run renders). */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /** Deletes {@code dir} and its contents, deepest first; a missing directory is already deleted. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
