package org.waymark.survey.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: long enough, not absurdly long, and not one of the most common
 * passwords. No composition rules (NIST SP 800-63B 3.1.1.2): a long passphrase of plain words is
 * stronger and easier to remember than a short jumble.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;

    /** Long passphrases are welcome; this only stops a request from making Argon2 hash a book. */
    static final int MAX_LENGTH = 1000;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Why the password is refused, in words for the person choosing it; empty if it will do. */
    Optional<String> problem(String password, String username) {
        if (password == null || password.isBlank()) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("A password needs at least " + MIN_LENGTH + " characters. A few words in a row make a"
                    + " good one that is easy to remember.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("A password can be at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || lower.equals(username == null ? null : username.toLowerCase(Locale.ROOT))) {
            return Optional.of("That password is one of the most common, which makes it easy to guess. Choose"
                    + " another: a few unrelated words in a row make a good one.");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        var list = new ClassPathResource("security/common-passwords.txt");
        try (var reader = new BufferedReader(new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.isEmpty())
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(passwords::add);
        } catch (IOException e) {
            throw new UncheckedIOException("the list of common passwords is missing from the build", e);
        }
        return passwords;
    }
}
