package io.territoryscorecard.workbench;

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
@RestController
@RequestMapping("/api/rulesets/drafts")
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class DraftController {

    private final DraftService drafts;

    DraftController(DraftService drafts) {
        this.drafts = drafts;
    }

    @GetMapping
    List<RuleDraft> list() {
        return drafts.visible();
    }

    /** Starts a draft from a version ({@code fromVersion}), or from the active one when it is left out. */
    @PostMapping
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<DraftView> start(@RequestBody(required = false) Start start) {
        Start given = start == null ? new Start(null, null) : start;
        RuleDraft draft = drafts.start(given.fromVersion(), given.title());
        return ResponseEntity.created(URI.create("/api/rulesets/drafts/" + draft.id()))
                .body(DraftView.of(drafts.open(draft.id())));
    }

    /** A draft with its files (a spreadsheet as the Base64 text of its bytes). */
    @GetMapping("/{id}")
    DraftView draft(@PathVariable long id) {
        return DraftView.of(drafts.open(id));
    }

    /** Writes a text file (new or changed) and validates the draft with it; the text is kept whatever it says. */
    @PutMapping("/{id}/file")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftValidation save(@PathVariable long id, @RequestParam String path, @RequestBody Content content) {
        return drafts.saveAndValidate(id, path, content.content());
    }

    @DeleteMapping("/{id}/file")
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam String path) {
        drafts.delete(id, path);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rename")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftView rename(@PathVariable long id, @RequestBody Rename rename) {
        drafts.rename(id, rename.from(), rename.to());
        return DraftView.of(drafts.open(id));
    }

    /** Uploads files (multipart parts named {@code files}, each under its own name; a scenario under scenarios/). */
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

    @PostMapping("/{id}/validate")
    @PreAuthorize("hasRole('SALES_OPS')")
    DraftValidation validate(@PathVariable long id) {
        return drafts.validate(id);
    }

    /** Stores the draft as a version (not active): 201, or 422 with the validation report. */
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
    @PostMapping("/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    RulesetVersion activate(@PathVariable long id, @RequestBody(required = false) Note note) {
        return drafts.activate(id, note == null ? null : note.note());
    }

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
