package io.territoryscorecard.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetUpload;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * What-if previews of a ruleset over a stored period, for sales ops (who see every territory). Lives with the
 * evaluations because it loads their facts and reads their results; the ruleset module knows nothing of it.
 */
@Tag(name = "Rulesets", description = "What-if previews of rules over stored periods.")
@RestController
@RequestMapping("/api/rulesets")
@PreAuthorize("hasRole('SALES_OPS')")
class PreviewController {

    private static final int MAX_TOP = 1_000;

    private final PreviewService previews;
    private final RulesetSettings rulesetSettings;
    private final CurrentAccount current;

    PreviewController(PreviewService previews, RulesetSettings rulesetSettings, CurrentAccount current) {
        this.previews = previews;
        this.rulesetSettings = rulesetSettings;
        this.current = current;
    }

    /** Uploaded rule files (multipart parts named {@code files}) against the period's current results. */
    @Operation(summary = "What-if: uploaded rules against a period's current results", description = "Multipart parts `files`; nothing is stored. Status counts before/after, status changes, largest score deltas, flags and alerts added/removed, a summary and timing.")
    @ApiResponse(responseCode = "404", description = "The period has no results to compare with.")
    @ApiResponse(responseCode = "422", description = "The rules do not compile (file:line:column) or fail while they run.")
    @PostMapping("/preview")
    PreviewReport previewUpload(@RequestParam(required = false) String period,
            @RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(defaultValue = "20") int top) {
        Period resolved = period(period);
        return previews.previewFiles(resolved, RulesetUpload.read(files, "upload by " + current.username(),
                rulesetSettings.maxFileSize().toBytes()), "upload", top(top), current.username());
    }

    /** A stored version against the period's current results. */
    @Operation(summary = "What-if: a stored ruleset version against a period's current results", description = "The same report as the preview of uploaded files.")
    @ApiResponse(responseCode = "404", description = "Unknown version, or the period has no results.")
    @ApiResponse(responseCode = "422", description = "The rules fail while they run.")
    @PostMapping("/{id}/preview")
    PreviewReport previewVersion(@PathVariable long id, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "20") int top) {
        return previews.previewVersion(period(period), id, top(top), current.username());
    }

    private static Period period(String period) {
        if (period == null) {
            throw new IllegalArgumentException("period is required: add ?period=YYYY-MM, for example ?period=2026-10");
        }
        return Period.parse(period);
    }

    private static int top(int top) {
        if (top < 0 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be between 0 and " + MAX_TOP + ", not " + top);
        }
        return top;
    }
}
