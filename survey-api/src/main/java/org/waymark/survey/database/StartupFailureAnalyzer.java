package org.waymark.survey.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed start of the embedded database into a plain message instead of a stack trace. */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "See docs/configuration.md (waymark.data-dir) and docs/external-mariadb.md.",
                cause);
    }
}
