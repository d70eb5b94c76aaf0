package io.territoryscorecard.ruleset.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.ruleset.RulesetScenarios;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetUpload;
import io.territoryscorecard.ruleset.ScenarioReport;

import io.territoryscorecard.account.CurrentAccount;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Scenarios over HTTP: sales ops run a ruleset's scenarios against its rules, as {@code rules test} does. */
@Tag(name = "Rulesets")
@RestController
@RequestMapping("/api/rulesets")
@PreAuthorize("hasRole('SALES_OPS')")
class ScenarioController {

    private final RulesetScenarios scenarios;
    private final RulesetSettings settings;
    private final CurrentAccount current;

    ScenarioController(RulesetScenarios scenarios, RulesetSettings settings, CurrentAccount current) {
        this.scenarios = scenarios;
        this.settings = settings;
        this.current = current;
    }

    /**
     * Runs the uploaded scenario files ({@code scenarios/*.yaml}) against the uploaded rule files, all as multipart
     * parts named {@code files}; stores nothing. Rules that do not compile and scenario files that cannot be used are
     * a report too (200), with each problem at its file, line and column.
     */
    @Operation(summary = "Run scenarios against rule files", description = "Rule files and `scenarios/*.yaml` as multipart parts `files`, as `rules test` does; nothing is stored. Rules that do not compile are a report too (200).")
    @PostMapping("/scenarios")
    ScenarioReport run(@RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return scenarios.run(RulesetUpload.read(files, "upload by " + current.username(),
                settings.maxFileSize().toBytes(),
                path -> RulesetSource.isRulesetFile(path) || RulesetScenarios.isScenarioFile(path)));
    }
}
