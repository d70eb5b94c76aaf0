package io.territoryscorecard.workbench;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.ruleset.RulesetService.Stored;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.workbench.DraftService.Opened;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SortedMap;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Drafts over HTTP, as the pages have them: sales ops start, change, validate, store and activate their own drafts;
 * admins may read them. A path is a query parameter ({@code ?path=scenarios/10-settings.yaml}).
 */
@Tag(name = "Ruleset drafts", description = "Drafts of the rules workbench.")
@RestController
@RequestMapping("/api/rulesets/drafts")
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class DraftController {

    private final DraftService drafts;

    DraftController(DraftService drafts) {
        this.drafts = drafts;
    }

    @Operation(summary = "Drafts of rulesets", description = "Sales ops see their own drafts, admins all of them (read only).")
    @GetMapping
    List<RuleDraft> list() {
        return drafts.visible();
    }

    /** Starts a draft from a version ({@code fromVersion}), or from the active one when it is left out. */
    @Operation(summary = "Start a draft from a version", description = "From `fromVersion`, or from the active version without it; 201.")
    @ApiResponse(responseCode = "404", description = "No such version.")
    @PostMapping
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<DraftView> start(@RequestBody(required = false) Start start) {
        Start given = start == null ? new Start(null, null) : start;
        RuleDraft draft = drafts.start(given.fromVersion(), given.title());
        return ResponseEntity.created(URI.create("/api/rulesets/drafts/" + draft.id()))
                .body(DraftView.of(drafts.open(draft.id())));
    }

    /** A draft with its files (a spreadsheet as the Base64 text of its bytes). */
    @Operation(summary = "One draft with its files", description = "A spreadsheet as the Base64 text of its bytes.")
    @ApiResponse(responseCode = "404", description = "No such draft, or another sales-ops user's.")
    @GetMapping("/{id}")
    DraftView draft(@PathVariable long id) {
        return DraftView.of(drafts.open(id));
    }

    /** Writes a text file (new or changed) and validates the draft with it; the text is kept whatever it says. */
    @Operation(summary = "Write a text file of a draft and validate the draft", description = "The text is kept even when it has errors.")
    @ApiResponse(responseCode = "404", description = "No such draft, or another sales-ops user's.")
    @PutMapping("/{id}/file")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftValidation save(@PathVariable long id, @RequestParam String path, @RequestBody Content content) {
        return drafts.saveAndValidate(id, path, content.content());
    }

    @Operation(summary = "Delete a file of a draft", description = "204.")
    @ApiResponse(responseCode = "404", description = "No such draft or file.")
    @DeleteMapping("/{id}/file")
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam String path) {
        drafts.delete(id, path);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Rename a file of a draft")
    @ApiResponse(responseCode = "404", description = "No such draft or file.")
    @PostMapping("/{id}/rename")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftView rename(@PathVariable long id, @RequestBody Rename rename) {
        drafts.rename(id, rename.from(), rename.to());
        return DraftView.of(drafts.open(id));
    }

    /** Uploads files (multipart parts named {@code files}, each under its own name; a scenario under scenarios/). */
    @Operation(summary = "Upload files into a draft", description = "Multipart parts `files`: `.drl`, `.drl.csv`, `.drl.xlsx`; scenario `.yaml` files go to `scenarios/`.")
    @ApiResponse(responseCode = "404", description = "No such draft.")
    @PostMapping("/{id}/upload")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftView upload(@PathVariable long id, @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files: upload the files as multipart parts named 'files'");
        }
        try {
            for (MultipartFile file : files) {
                drafts.upload(id, DraftPageController.uploadName(file.getOriginalFilename()), file.getBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DraftView.of(drafts.open(id));
    }

    @Operation(summary = "Validate a draft as stored")
    @ApiResponse(responseCode = "404", description = "No such draft.")
    @PostMapping("/{id}/validate")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftValidation validate(@PathVariable long id) {
        return drafts.validate(id);
    }

    /** Stores the draft as a version (not active): 201, or 422 with the validation report. */
    @Operation(summary = "Store a draft as a ruleset version (not active)", description = "Its ruleset files, not its scenarios; 201.")
    @ApiResponse(responseCode = "404", description = "No such draft.")
    @ApiResponse(responseCode = "422", description = "The draft does not validate: the whole validation report.")
    @PostMapping("/{id}/store")
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<Stored> store(@PathVariable long id, @RequestBody(required = false) Note note) {
        Stored stored = drafts.store(id, note == null ? null : note.note());
        return ResponseEntity.created(URI.create("/api/rulesets/" + stored.version().id())).body(stored);
    }

    /**
     * Activates the version the draft was stored as: 409 when another version became active since the draft was
     * started, when the draft changed since it was stored, or when it was not stored.
     */
    @Operation(summary = "Activate the version a draft was stored as")
    @ApiResponse(responseCode = "404", description = "No such draft.")
    @ApiResponse(responseCode = "409", description = "Another version became active since the draft was started, the draft changed since it was stored, or it was not stored.")
    @PostMapping("/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    RulesetVersion activate(@PathVariable long id, @RequestBody(required = false) Note note) {
        return drafts.activate(id, note == null ? null : note.note());
    }

    @Operation(summary = "Discard a draft", description = "204.")
    @ApiResponse(responseCode = "404", description = "No such draft.")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<Void> discard(@PathVariable long id) {
        drafts.discard(id);
        return ResponseEntity.noContent().build();
    }

    record Start(Long fromVersion, String title) {
    }

    record Content(String content) {
    }

    record Rename(String from, String to) {
    }

    record Note(String note) {
    }

    /** A draft as the API shows it. */
    record DraftView(long id, String title, String owner, long baseVersionId, Long storedVersionId,
            LocalDateTime createdAt, LocalDateTime updatedAt, SortedMap<String, String> files) {

        static DraftView of(Opened opened) {
            RuleDraft d = opened.draft();
            return new DraftView(d.id(), d.title(), d.owner(), d.baseVersionId(), d.storedVersionId(), d.createdAt(),
                    d.updatedAt(), opened.files());
        }
    }
}
