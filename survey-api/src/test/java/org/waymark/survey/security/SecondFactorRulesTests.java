package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Who must have a second factor and who may still use HTTP Basic, for each setting. The settings are
 * deployment choices, so each combination is checked here rather than in an application context of
 * its own; SecondFactorTests checks the default end to end.
 */
class SecondFactorRulesTests {

    private static SecondFactors rules(boolean forAdmins, boolean forEveryone) {
        var settings = new SecuritySettings(
                new SecuritySettings.Session(Duration.ofMinutes(30), Duration.ofHours(8)),
                new SecuritySettings.Factors(forAdmins, forEveryone));
        // Deciding who must have a factor reads only the account given; nothing is stored or audited.
        return new SecondFactors(null, settings, null, Clock.systemUTC());
    }

    private static AccountRepository.Account account(String username, boolean siteAdmin, boolean factor) {
        return new AccountRepository.Account(1, username, "hash", siteAdmin, true, factor ? "MZXW6YTBOI" : null);
    }

    @Test
    void byDefaultAdminsMustHaveAFactorAndOthersMayChoose() {
        SecondFactors rules = rules(true, false);
        assertThat(rules.required(account("an-admin", true, false))).isTrue();
        assertThat(rules.required(account("sam", false, false))).isFalse();
        assertThat(rules.refusesBasic(account("an-admin", true, false))).isTrue();
        assertThat(rules.refusesBasic(account("sam", false, false))).isFalse();
        assertThat(rules.refusesBasic(account("sam", false, true)))
                .as("an account with a factor, whatever the settings")
                .isTrue();
    }

    @Test
    void theFirstAdminMadeAtStartUpHasNoExceptionFromTheRule() {
        SecondFactors rules = rules(true, false);
        assertThat(rules.required(account("admin", true, false))).isTrue();
        assertThat(rules.refusesBasic(account("admin", true, false))).isTrue();
        assertThat(rules.refusesBasic(account("admin", true, true))).isTrue();
    }

    @Test
    void requiredForEveryoneCoversEveryAccount() {
        SecondFactors rules = rules(false, true);
        assertThat(rules.required(account("sam", false, false))).isTrue();
        assertThat(rules.required(account("an-admin", true, false))).isTrue();
        assertThat(rules.refusesBasic(account("sam", false, false))).isTrue();
    }

    @Test
    void switchedOffNobodyMustButAFactorStillRefusesBasic() {
        SecondFactors rules = rules(false, false);
        assertThat(rules.required(account("an-admin", true, false))).isFalse();
        assertThat(rules.refusesBasic(account("an-admin", true, false))).isFalse();
        assertThat(rules.refusesBasic(account("an-admin", true, true))).isTrue();
    }
}
