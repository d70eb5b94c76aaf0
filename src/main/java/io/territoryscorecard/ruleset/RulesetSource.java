package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.tables.DecisionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a ruleset as text, by path relative to the ruleset folder, with the label the folder declares in its
 * {@code VERSION} file and where the files came from. A spreadsheet ({@code *.drl.xlsx}) is kept as the Base64 text
 * of its bytes, so the files stay text (and are stored as such with their version) and the SHA-256 covers every byte.
 */
public record RulesetSource(String label, SortedMap<String, String> files, String origin) {

    public static final String VERSION_FILE = "VERSION";

    public RulesetSource {
        files = new TreeMap<>(files);
    }

    /**
     * Reads a ruleset folder: every *.drl file and decision table (*.drl.csv, *.drl.xlsx) below it (scenarios and
     * examples excluded) and its VERSION file.
     */
    public static RulesetSource fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("rules folder " + folder.toAbsolutePath() + " does not exist");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                if (isRulesetFile(relative)) {
                    files.put(relative, isBinary(relative) ? asText(Files.readAllBytes(path))
                            : Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + folder.toAbsolutePath(), e);
        }
        String label = files.containsKey(VERSION_FILE) ? files.get(VERSION_FILE).strip() : "unlabelled";
        return new RulesetSource(label.isEmpty() ? "unlabelled" : label, files, folder.toAbsolutePath().normalize().toString());
    }

    /** Whether a file (path relative to the ruleset folder) belongs to the ruleset's content. */
    public static boolean isRulesetFile(String relativePath) {
        return !relativePath.startsWith("scenarios/") && !relativePath.startsWith("examples/")
                && (relativePath.equals(VERSION_FILE) || relativePath.endsWith(".drl")
                        || DecisionTable.isTable(relativePath));
    }

    /** Whether the file is binary (a spreadsheet) and so must be read as bytes and kept with {@link #asText}. */
    public static boolean isBinary(String relativePath) {
        return DecisionTable.isBinary(relativePath);
    }

    /** How a binary file's bytes are kept among the text files: Base64. */
    public static String asText(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Only the rule files (*.drl): what Drools compiles. Decision tables are not compiled: their rows become settings
     * facts ({@link DecisionTable#settingsOf}).
     */
    public Map<String, String> ruleFiles() {
        TreeMap<String, String> rules = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.endsWith(".drl")) {
                rules.put(path, content);
            }
        });
        return rules;
    }

    /** SHA-256 over every file's path and content in path order: the same files give the same version. */
    public String sha256() {
        return sha256(files);
    }

    /** SHA-256 over the paths and contents of files, in path order. */
    static String sha256(SortedMap<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
