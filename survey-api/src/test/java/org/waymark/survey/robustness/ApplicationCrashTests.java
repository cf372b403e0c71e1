package org.waymark.survey.robustness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Waymark killed with SIGKILL, with its embedded MariaDB, while submissions are arriving, then started
 * again on the same data: nothing acknowledged is lost or incomplete, nothing unacknowledged is half
 * there, and the search index matches the database once it has caught up ({@link CrashScenario}). Two
 * kills in every build; {@code -Pbenchmark} runs {@code -Dwaymark.crash.kills=} of them (10 by default).
 */
class ApplicationCrashTests {

    @Test
    void keepsEveryAcknowledgedSubmissionThroughTwoKills() throws Exception {
        CrashScenario.run("application", CrashScenario.Kill.APPLICATION, 2);
    }

    @Test
    @Tag("benchmark")
    void longForm() throws Exception {
        CrashScenario.run(
                "application-long", CrashScenario.Kill.APPLICATION, Integer.getInteger("waymark.crash.kills", 10));
    }
}
