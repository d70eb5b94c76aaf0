package io.territoryscorecard.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Evaluation runs are sales ops' business; admins may watch them. */
@Tag(name = "Evaluations", description = "Evaluation runs of a period.")
@RestController
@RequestMapping("/api/evaluations")
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class EvaluationController {

    private final EvaluationService evaluations;
    private final CurrentAccount current;

    EvaluationController(EvaluationService evaluations, CurrentAccount current) {
        this.evaluations = evaluations;
        this.current = current;
    }

    /**
     * Starts a run in the background; answers 202 with the run, whose progress {@code GET} shows. With
     * {@code rulesetVersionId} the run is a restatement with that stored version, beside the current results.
     */
    @Operation(summary = "Start an evaluation run of a period", description = "Runs in the background; 202 with the run, whose progress `GET /api/evaluations/{id}` shows. With `rulesetVersionId`: a restatement with that stored version, beside the current results.")
    @ApiResponse(responseCode = "404", description = "Unknown ruleset version.")
    @ApiResponse(responseCode = "409", description = "The period is being evaluated already.")
    @PostMapping
    @PreAuthorize("hasRole('SALES_OPS')")
    ResponseEntity<RunView> start(@RequestBody StartRequest request) {
        if (request == null || request.period() == null) {
            throw new IllegalArgumentException("period is required, written YYYY-MM, for example {\"period\":\"2026-10\"}");
        }
        Period period = Period.parse(request.period());
        EvaluationRun run = request.rulesetVersionId() == null ? evaluations.start(period, current.username())
                : evaluations.startRestatement(period, request.rulesetVersionId(), current.username());
        return ResponseEntity.accepted().location(URI.create("/api/evaluations/" + run.id())).body(RunView.of(run));
    }

    @Operation(summary = "One evaluation run with its progress", description = "Status, progress (done/total, rate, seconds left), counts, error, and the snapshot of the data the run read.")
    @ApiResponse(responseCode = "404", description = "No such run.")
    @GetMapping("/{id}")
    RunView show(@PathVariable long id) {
        return evaluations.find(id).map(RunView::of)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "evaluation run " + id + " does not exist"));
    }

    @Operation(summary = "The most recent evaluation runs")
    @GetMapping
    List<RunView> recent(@RequestParam(defaultValue = "50") int limit) {
        return evaluations.recent(Math.max(1, Math.min(limit, 500))).stream().map(RunView::of).toList();
    }

    /** @param rulesetVersionId present: restate the period with this stored version */
    record StartRequest(String period, Long rulesetVersionId) {
    }

    /** @param snapshot null until the run has taken its snapshot of the data */
    public record RunView(long id, String period, String purpose, String status, long rulesetVersionId, String requestedBy,
            LocalDateTime startedAt, LocalDateTime finishedAt, Progress progress, Counts counts, String error,
            Snapshot snapshot) {

        static RunView of(EvaluationRun run) {
            return new RunView(run.id(), run.period(), run.purpose().name(), run.status().name(),
                    run.rulesetVersionId(), run.requestedBy(), run.startedAt(), run.finishedAt(), Progress.of(run),
                    new Counts(run.territoryScores(), run.perspectiveScores(), run.kpiAssessments(),
                            run.improvementFlags()),
                    run.error(), Snapshot.of(run));
        }
    }

    /**
     * The one snapshot of the data the run read all its facts from: when it was taken, and the newest applied import
     * it held (all three null when it held none, such as data that came with the demo company).
     */
    public record Snapshot(LocalDateTime takenAt, Long lastImportId, String lastImportFile,
            LocalDateTime lastImportAppliedAt) {

        static Snapshot of(EvaluationRun run) {
            return run.snapshotAt() == null ? null : new Snapshot(run.snapshotAt(), run.snapshotImportId(),
                    run.snapshotImportFile(), run.snapshotImportAppliedAt());
        }
    }

    /** done/total with the rate so far and the expected seconds left while running. */
    public record Progress(int done, int total, int percent, Double territoriesPerSecond, Long secondsLeft) {

        static Progress of(EvaluationRun run) {
            int percent = run.territoriesTotal() == 0 ? 100 : run.territoriesDone() * 100 / run.territoriesTotal();
            LocalDateTime end = run.finishedAt() != null ? run.finishedAt() : LocalDateTime.now();
            double seconds = Math.max(1, Duration.between(run.startedAt(), end).toSeconds());
            double rate = run.territoriesDone() / seconds;
            Long left = run.status() == EvaluationRun.Status.RUNNING && rate > 0
                    ? Math.round((run.territoriesTotal() - run.territoriesDone()) / rate) : null;
            return new Progress(run.territoriesDone(), run.territoriesTotal(), percent,
                    Math.round(rate * 10) / 10.0, left);
        }
    }

    public record Counts(int territoryScores, int perspectiveScores, int kpiAssessments, int improvementFlags) {
    }
}
