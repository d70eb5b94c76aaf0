package io.territoryscorecard.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param batchSize territories per rule session */
@ConfigurationProperties("scorecard.evaluation")
record EvaluationSettings(int batchSize) {
}
