package io.territoryscorecard.workbench;

import io.territoryscorecard.ruleset.RulesetSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A version's files as the version page shows them: text files line by line with their numbers, spreadsheets
 * (decision tables kept as {@code .drl.xlsx}) only by name, since the version keeps them as the Base64 of their bytes.
 */
record RulesetFiles(List<File> files) {

    /**
     * @param anchor an id for the page's links to the file ({@code file-1}, ...)
     * @param lines null for a spreadsheet
     */
    record File(String path, String anchor, List<String> lines) {

        public boolean spreadsheet() {
            return lines == null;
        }
    }

    static RulesetFiles of(RulesetSource source) {
        List<File> files = new ArrayList<>();
        source.files().forEach((path, content) -> files.add(new File(path, "file-" + (files.size() + 1),
                isSpreadsheet(path) ? null : SideBySide.lines(content))));
        return new RulesetFiles(files);
    }

    static boolean isSpreadsheet(String path) {
        return path.endsWith(".xlsx");
    }

    /** The file's bytes as they were uploaded. */
    static byte[] bytes(String path, String content) {
        return isSpreadsheet(path) ? Base64.getDecoder().decode(content) : content.getBytes(StandardCharsets.UTF_8);
    }
}
