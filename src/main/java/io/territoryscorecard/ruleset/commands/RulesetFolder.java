package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Where the rules come from: the configured folder, or the copy packaged in the jar when that folder is absent. */
@Component
public class RulesetFolder {

    private static final Logger log = LoggerFactory.getLogger(RulesetFolder.class);
    private static final String PACKAGED = "rules/";

    private final RulesetSettings settings;

    RulesetFolder(RulesetSettings settings) {
        this.settings = settings;
    }

    RulesetSource read() {
        Path folder = Path.of(settings.location());
        if (Files.isDirectory(folder)) {
            log.info("Loading rules from folder {}", folder.toAbsolutePath().normalize());
            return RulesetSource.fromFolder(folder);
        }
        log.info("Rules folder {} does not exist: loading the rules packaged in the application",
                folder.toAbsolutePath().normalize());
        return packaged();
    }

    /** The rules packaged in the application ({@code classpath:rules/}). */
    public static RulesetSource packaged() {
        TreeMap<String, String> files = new TreeMap<>();
        try {
            Resource root = new PathMatchingResourcePatternResolver().getResource("classpath:" + PACKAGED);
            String rootUrl = root.getURL().toString();
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath:" + PACKAGED + "**/*")) {
                String url = resource.getURL().toString();
                if (!resource.isReadable() || url.endsWith("/") || !url.startsWith(rootUrl)) {
                    continue;
                }
                String relative = url.substring(rootUrl.length());
                if (RulesetSource.isRulesetFile(relative)) {
                    files.put(relative, RulesetSource.isBinary(relative)
                            ? RulesetSource.asText(resource.getContentAsByteArray())
                            : resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules packaged in the application", e);
        }
        String label = files.getOrDefault(RulesetSource.VERSION_FILE, "").strip();
        return new RulesetSource(label.isEmpty() ? "unlabelled" : label, files, "classpath:" + PACKAGED);
    }
}
