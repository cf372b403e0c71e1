package org.waymark.survey.security;

import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.web.ApiProblemException;

/**
 * Accounts and roles made through the accounts service itself, as the site admin's pages and API do,
 * for the tests that run with the default rule that site admins need a second factor: there the admin
 * cannot use HTTP Basic, so {@link TestAccounts} (which does) cannot make accounts.
 */
final class DirectAccounts {

    private final Accounts accounts;
    private final int port;

    DirectAccounts(Accounts accounts, int port) {
        this.accounts = accounts;
        this.port = port;
    }

    /** A client signed in as {@code username} with HTTP Basic, whose account is made first unless it exists. */
    TestApi signedIn(String username) {
        make(username, false);
        return TestApi.on(port).as(username, TestAccounts.PASSWORD);
    }

    void make(String username, boolean siteAdmin) {
        try {
            accounts.create(new Accounts.NewAccount(username, TestAccounts.PASSWORD, siteAdmin), "admin");
        } catch (ApiProblemException e) {
            if (e.status().value() != 409) {
                throw e;
            }
        }
    }

    void grant(String studyId, String username, String role) {
        accounts.grant(studyId, username, role, "admin");
    }
}
