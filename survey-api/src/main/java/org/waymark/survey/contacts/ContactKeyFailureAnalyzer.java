package org.waymark.survey.contacts;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in plain words why the contact key stopped Waymark from starting, with no stack trace. */
class ContactKeyFailureAnalyzer extends AbstractFailureAnalyzer<ContactKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContactKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "See docs/configuration.md#contact-details and docs/security.md#contact-details.",
                cause);
    }
}
