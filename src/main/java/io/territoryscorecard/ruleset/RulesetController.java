package io.territoryscorecard.ruleset;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Rulesets over HTTP, for sales ops. */
@RestController
@RequestMapping("/api/rulesets")
@PreAuthorize("hasRole('SALES_OPS')")
class RulesetController {

    private final RulesetValidator validator;
    private final RulesetSettings settings;

    RulesetController(RulesetValidator validator, RulesetSettings settings) {
        this.validator = validator;
        this.settings = settings;
    }

    /** Checks uploaded rule files (multipart parts named {@code files}) without storing or activating anything. */
    @PostMapping("/validate")
    ValidationReport validate(@RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return validator.validate(RulesetUpload.read(files, "upload", settings.maxFileSize().toBytes()));
    }
}
