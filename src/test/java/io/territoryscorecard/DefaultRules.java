package io.territoryscorecard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ruleset in the project's rules/ folder, as tests expect to find it recorded. */
public final class DefaultRules {

    private DefaultRules() {
    }

    /** The label rules/VERSION declares, so that tests follow a version bump without edits. */
    public static String label() {
        try {
            return Files.readString(Path.of("rules/VERSION")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the rule files (the folder's top level, without scenarios and examples) into a folder. */
    public static void copyTo(Path folder) {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
