package io.territoryscorecard.ruleset;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param location folder with the rule files; when it does not exist the copy packaged in the jar is used
 * @param maxFiringsPerTerritory rule firings allowed per territory in a batch before the batch is stopped as a loop
 * @param timeBudget how long the rules may run for one batch before they are stopped as a runaway
 * @param maxFileSize the largest rule file accepted
 * @param workers how many rule worker processes may run rules at once (each takes a core while it works)
 * @param workerHeap the heap of each rule worker process: what the rules of one batch may use at most
 */
@ConfigurationProperties("scorecard.ruleset")
public record RulesetSettings(String location, int maxFiringsPerTerritory, Duration timeBudget, DataSize maxFileSize,
        int workers, DataSize workerHeap) {

    /** The defaults for the worker processes. */
    public RulesetSettings(String location, int maxFiringsPerTerritory, Duration timeBudget, DataSize maxFileSize) {
        this(location, maxFiringsPerTerritory, timeBudget, maxFileSize, 0, null);
    }

    @ConstructorBinding
    public RulesetSettings {
        if (workers <= 0) {
            workers = 2;
        }
        if (workerHeap == null) {
            workerHeap = DataSize.ofMegabytes(512);
        }
        if (timeBudget == null) {
            timeBudget = Duration.ofSeconds(60);
        }
        if (maxFileSize == null) {
            maxFileSize = DataSize.ofMegabytes(1);
        }
    }
}
