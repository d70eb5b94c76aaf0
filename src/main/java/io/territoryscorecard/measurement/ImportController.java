package io.territoryscorecard.measurement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports/{organisation|measurements|kpis}} with a multipart part {@code file}: 200 with the counts
 * when applied, 422 with every problem (row, column, message) when rejected, 409 while another import runs.
 */
@Tag(name = "Imports", description = "Imports of organisation, measurements and KPI files.")
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final Imports imports;
    private final CurrentAccount current;

    ImportController(Imports imports, CurrentAccount current) {
        this.imports = imports;
        this.current = current;
    }

    /**
     * The role is checked before the body is looked at (a missing file part is this method's 400, not the argument
     * resolver's), so that a caller without the role gets 403 whatever they send. For the same reason the role is on
     * the endpoints, not the class: the exception handlers below must not be checked again.
     */
    @Operation(summary = "Import organisation, measurements or KPIs", description = "Multipart part `file`, CSV or .xlsx. All or nothing: 200 with the counts, or 422 with every problem (row, column, message) and nothing written.")
    @ApiResponse(responseCode = "409", description = "Another import is running.")
    @ApiResponse(responseCode = "422", description = "The file has problems: every one with its row and column; "
            + "nothing was written.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Rejected.class)))
    @PostMapping("/{kind}")
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<?> upload(@PathVariable String kind, @RequestParam(name = "file", required = false)
            MultipartFile file) throws IOException {
        ImportKind importKind = ImportKind.of(kind);
        if (file == null) {
            throw new IllegalArgumentException("send the file as multipart/form-data in a part named 'file'");
        }
        ImportReport report;
        try (InputStream content = file.getInputStream()) {
            report = imports.importStream(importKind, file.getOriginalFilename(), content, file.getSize(),
                    current.username());
        }
        if (report.applied()) {
            return ResponseEntity.ok(new Applied(report.kind().word(), report.file(), report.rows(),
                    report.inserted(), report.updated(), report.unchanged()));
        }
        return ResponseEntity.unprocessableContent().body(new Rejected(report.kind().word(), report.file(),
                report.problems(), report.more()));
    }

    /** The running import's progress, or {@code {"running": false}}. */
    @Operation(summary = "The running import's progress", description = "Rows, share of the file, rows per second, seconds left; `{\"running\": false}` when none runs.")
    @GetMapping("/current")
    @PreAuthorize("hasRole('SALES_OPS')")
    Object current() {
        return imports.current().<Object>map(Running::of).orElse(Map.of("running", false));
    }

    @ExceptionHandler(ImportAlreadyRunningException.class)
    ProblemDetail alreadyRunning(ImportAlreadyRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Import already running");
        return problem;
    }

    record Applied(String kind, String file, long rows, long inserted, long updated, long unchanged) {
    }

    record Rejected(String kind, String file, List<ImportProblem> problems, long more) {
    }

    record Running(boolean running, String kind, String file, String startedBy, java.time.LocalDateTime startedAt,
            long rows, long bytesRead, long bytesTotal, Integer percent, long rowsPerSecond, Long secondsLeft) {

        static Running of(ImportProgress p) {
            return new Running(true, p.kind().word(), p.file(), p.startedBy(), p.startedAt(), p.rows(), p.bytesRead(),
                    p.bytesTotal(), p.percent(), p.rowsPerSecond(), p.secondsLeft());
        }
    }
}
