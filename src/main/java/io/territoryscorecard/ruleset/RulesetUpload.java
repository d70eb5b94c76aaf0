package io.territoryscorecard.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.web.multipart.MultipartFile;

/** Rule files uploaded over HTTP, checked before anything reads them as rules. */
public final class RulesetUpload {

    /** Relative paths of plain names: no "..", no absolute path, no backslash, no hidden file. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private RulesetUpload() {
    }

    /** The uploaded files as a ruleset: the VERSION file and the rule files; other files are left out. */
    public static RulesetSource read(List<MultipartFile> files, String origin, long maxFileSize) {
        return read(files, origin, maxFileSize, RulesetSource::isRulesetFile);
    }

    /** As {@link #read(List, String, long)}, keeping the files whose path {@code keep} accepts. */
    public static RulesetSource read(List<MultipartFile> files, String origin, long maxFileSize, Predicate<String> keep) {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files: upload the rule files as multipart parts named 'files'");
        }
        TreeMap<String, String> contents = new TreeMap<>();
        for (MultipartFile file : files) {
            String path = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
                throw new IllegalArgumentException("file name '" + path + "' is not allowed: use relative names of "
                        + "letters, digits, '.', '_' and '-', such as 10-kpi-weights.drl");
            }
            if (file.getSize() > maxFileSize) {
                throw new IllegalArgumentException(path + ": the file has " + file.getSize() + " bytes; a rule file "
                        + "may have at most " + maxFileSize);
            }
            if (contents.put(path, text(file, path)) != null) {
                throw new IllegalArgumentException(path + ": uploaded twice");
            }
        }
        String label = contents.getOrDefault(RulesetSource.VERSION_FILE, "").strip();
        TreeMap<String, String> ruleset = new TreeMap<>();
        contents.forEach((path, text) -> {
            if (keep.test(path)) {
                ruleset.put(path, text);
            }
        });
        return new RulesetSource(label.isEmpty() ? "unlabelled" : label, ruleset, origin);
    }

    private static String text(MultipartFile file, String path) {
        try {
            if (RulesetSource.isBinary(path)) {
                return RulesetSource.asText(file.getBytes());
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
