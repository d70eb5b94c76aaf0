package io.territoryscorecard.ruleset.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.RulesetDiff;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetUpload;
import io.territoryscorecard.ruleset.RulesetValidator;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.ruleset.ValidationReport;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.ruleset.RulesetService.Stored;
import io.territoryscorecard.ruleset.RulesetVersions.Activation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Rulesets over HTTP: sales ops validate, store, activate and roll back; admins may look. */
@Tag(name = "Rulesets", description = "Validating, storing, activating and rolling back rulesets.")
@RestController
@RequestMapping("/api/rulesets")
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class RulesetController {

    private final RulesetValidator validator;
    private final RulesetService rulesets;
    private final RulesetSettings settings;
    private final ActiveRuleset active;
    private final CurrentAccount current;

    RulesetController(RulesetValidator validator, RulesetService rulesets, RulesetSettings settings,
            ActiveRuleset active, CurrentAccount current) {
        this.validator = validator;
        this.rulesets = rulesets;
        this.settings = settings;
        this.active = active;
        this.current = current;
    }

    /** Checks uploaded rule files (multipart parts named {@code files}) without storing or activating anything. */
    @Operation(summary = "Validate rule files without storing them", description = "Multipart parts `files`. The report lists every error and warning at its file, line and column.")
    @PostMapping("/validate")
    @PreAuthorize("hasRole('SALES_OPS')")
    ValidationReport validate(@RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return validator.validate(RulesetUpload.read(files, "upload", settings.maxFileSize().toBytes()));
    }

    /** Stores uploaded rule files as a version (not active yet): 201, or 422 with the validation report. */
    @Operation(summary = "Store rule files as a ruleset version (not active)", description = "Multipart parts `files`; 201 with the stored version.")
    @ApiResponse(responseCode = "422", description = "The files do not validate: the whole validation report.")
    @PostMapping
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<Stored> store(@RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(required = false) String note) {
        Stored stored = rulesets.store(RulesetUpload.read(files, "upload by " + current.username(),
                settings.maxFileSize().toBytes()), current.username(), note);
        return ResponseEntity.created(URI.create("/api/rulesets/" + stored.version().id())).body(stored);
    }

    @Operation(summary = "The stored ruleset versions", description = "Label, SHA-256, who stored it, when, and the note.")
    @GetMapping
    List<RulesetVersion> versions() {
        return rulesets.versions();
    }

    @Operation(summary = "The active ruleset version")
    @GetMapping("/active")
    RulesetVersion activeVersion() {
        return active.synchronizeWithDatabase().version();
    }

    @Operation(summary = "The activation history")
    @GetMapping("/activations")
    List<Activation> activations(@RequestParam(defaultValue = "50") int limit) {
        return rulesets.activations(Math.max(1, Math.min(limit, 1_000)));
    }

    /** A version with its files. */
    @Operation(summary = "One ruleset version with its files")
    @ApiResponse(responseCode = "404", description = "No such version.")
    @GetMapping("/{id}")
    Map<String, Object> version(@PathVariable long id) {
        return Map.of("version", rulesets.version(id), "files", rulesets.files(id).files());
    }

    @Operation(summary = "What changed between two versions", description = "Changed files with their changed lines, and added, removed and changed rules.")
    @ApiResponse(responseCode = "404", description = "No such version.")
    @GetMapping("/{from}/diff/{to}")
    RulesetDiff diff(@PathVariable long from, @PathVariable long to) {
        return rulesets.diff(from, to);
    }

    @Operation(summary = "Activate a stored version", description = "Without a restart; running evaluations keep the version they started with.")
    @ApiResponse(responseCode = "404", description = "No such version.")
    @ApiResponse(responseCode = "422", description = "The version does not compile.")
    @PostMapping("/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    RulesetVersion activate(@PathVariable long id, @RequestBody(required = false) Note note) {
        return rulesets.activate(id, current.username(), note == null ? null : note.note());
    }

    @Operation(summary = "Roll back to the version active before")
    @ApiResponse(responseCode = "409", description = "There is no earlier version to roll back to.")
    @PostMapping("/rollback")
    @PreAuthorize("hasRole('SALES_OPS')")
    RulesetVersion rollback(@RequestBody(required = false) Note note) {
        return rulesets.rollback(current.username(), note == null ? null : note.note());
    }

    record Note(String note) {
    }
}
