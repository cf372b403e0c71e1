package org.waymark.survey.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a database Waymark cannot use into a plain message at start-up instead of a stack trace. */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnusableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnusableException cause) {
        return new FailureAnalysis(
                cause.getMessage(), "See docs/configuration.md and docs/external-mariadb.md.", cause);
    }
}
