package io.territoryscorecard.workbench;

import io.territoryscorecard.input.UserInput;
import java.util.regex.Pattern;

/**
 * Which files a draft may hold, by path relative to the ruleset folder: rule files ({@code .drl}), decision tables
 * ({@code .drl.csv}, {@code .drl.xlsx}), scenarios ({@code scenarios/*.yaml}) and the {@code VERSION} file with the
 * label. A path that is not allowed is refused with a sentence that says what to write instead.
 */
final class DraftPaths {

    static final int MAX_LENGTH = 200;
    static final String VERSION = "VERSION";
    static final String SCENARIOS = "scenarios/";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private DraftPaths() {
    }

    /** What a file is, by the end of its name. */
    enum Kind {
        RULES("rule file"), TABLE("decision table"), SPREADSHEET("decision table (spreadsheet)"),
        SCENARIO("scenario"), LABEL("version label"), OTHER("file");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Spreadsheets are bytes: listed, replaced by an upload or deleted, never edited as text. */
        public boolean binary() {
            return this == SPREADSHEET;
        }

        /** The CodeMirror mode the editor shows the file in. */
        public String editorMode() {
            return switch (this) {
                case RULES -> "drl";
                case SCENARIO -> "yaml";
                default -> "text/plain";
            };
        }
    }

    /** What a file is by the end of its name, for files already in a draft (not checked again). */
    static Kind kindOf(String path) {
        if (path.equals(VERSION)) {
            return Kind.LABEL;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return Kind.SCENARIO;
        }
        return path.endsWith(".drl") ? Kind.RULES : path.endsWith(".drl.csv") ? Kind.TABLE
                : path.endsWith(".drl.xlsx") ? Kind.SPREADSHEET : Kind.OTHER;
    }

    /** The kind of an allowed path; an {@link IllegalArgumentException} naming the problem for any other. */
    static Kind check(String path) {
        String shown = "'" + UserInput.shortened(path, 80) + "'";
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the file name is empty: give a name such as 16-amber-limit.drl");
        }
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the file name " + shown + " has " + path.length()
                    + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("the file name " + shown + " is an absolute path: give a name relative "
                    + "to the ruleset, such as 16-amber-limit.drl or scenarios/16-amber.yaml");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("the file name " + shown + " contains '" + segment + "': files "
                        + "stay inside the ruleset, so name them without '.' or '..' folders");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("the file name " + shown + " may only use letters, digits, '.', "
                        + "'_' and '-' (and '/' between folders), and may not start with '.' or '-'");
            }
        }
        Kind kind = kindOf(path);
        if (kind == Kind.LABEL) {
            return kind;
        }
        if (kind == Kind.SCENARIO) {
            if (!path.startsWith(SCENARIOS)) {
                throw new IllegalArgumentException("the file name " + shown + " is a scenario: scenarios go in the "
                        + "scenarios/ folder, for example scenarios/" + path.substring(path.lastIndexOf('/') + 1));
            }
            return Kind.SCENARIO;
        }
        if (kind == Kind.OTHER) {
            throw new IllegalArgumentException("the file name " + shown + " does not end in .drl, .drl.csv, .drl.xlsx "
                    + "or .yaml: a draft holds rule files, decision tables, scenarios and the VERSION file");
        }
        if (path.startsWith(SCENARIOS) || path.startsWith("examples/")) {
            throw new IllegalArgumentException("the file name " + shown + " puts a " + kind.words() + " in the "
                    + path.substring(0, path.indexOf('/') + 1) + " folder, which is not part of the ruleset: "
                    + "put it at the top, for example " + path.substring(path.lastIndexOf('/') + 1));
        }
        return kind;
    }
}
