package io.territoryscorecard.workbench;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize the largest file a draft may hold (an edited text or an uploaded file)
 * @param maxFiles how many files a draft may hold
 */
@ConfigurationProperties("scorecard.workbench")
record WorkbenchSettings(DataSize maxFileSize, int maxFiles) {
}
