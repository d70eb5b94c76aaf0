package io.territoryscorecard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Rule files for what-if tests: the repository's rules, and variants of them. */
final class CandidateRules {

    private CandidateRules() {
    }

    /** The repository's ruleset: VERSION and every rule file of {@code rules/}. */
    static Map<String, String> defaults() {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.list(Path.of("rules"))) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                if (name.equals("VERSION") || name.endsWith(".drl")) {
                    files.put(name, Files.readString(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * AMBER from 0.95: a KPI is AMBER from 95% of target (not 90%), and 95% is also where its score reaches 60, the
     * bottom of the AMBER score band. Lower KPI scores make some perspectives and territories change status.
     */
    static Map<String, String> stricter() {
        Map<String, String> files = defaults();
        files.put("12-kpi-status-bands.drl", replace(files.get("12-kpi-status-bands.drl"),
                "Status.AMBER, \"0.90\"", "Status.AMBER, \"0.95\""));
        files.put("13-score-breakpoints.drl", replace(files.get("13-score-breakpoints.drl"),
                "ScoreBreakpoint(\"0.90\",     \"60\")", "ScoreBreakpoint(\"0.95\",     \"60\")"));
        files.put("VERSION", "stricter-amber");
        return files;
    }

    /** The defaults plus one more rule file. */
    static Map<String, String> withFile(String name, String content, String label) {
        Map<String, String> files = defaults();
        files.put(name, content);
        files.put("VERSION", label);
        return files;
    }

    static Path write(Map<String, String> files, Path folder) {
        try {
            Files.createDirectories(folder);
            for (var file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Replaces pairs of texts, each of which must occur. */
    private static String replace(String text, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(text).contains(pairs[i]);
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        return text;
    }
}
