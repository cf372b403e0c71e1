package org.waymark.survey.contacts;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address or a phone number a participant typed, checked. No name is asked for: the study
 * team needs only a way to reach the person, and the less is kept, the less can leak.
 */
record ContactAddress(Kind kind, String value) {

    /** At most this many characters: the longest email address SMTP carries (RFC 5321). */
    static final int MAX_LENGTH = 254;

    enum Kind {
        EMAIL,
        PHONE
    }

    /** The address, or what to fix, in plain words. */
    record Checked(Optional<ContactAddress> address, String problem) {}

    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@\"<>(),;:\\\\\\[\\]]{1,64}@([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-.]+");

    static Checked check(String typed) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty()) {
            return problem("Enter an email address or a phone number. If you would rather not, you can leave this"
                    + " page: your answers are already sent.");
        }
        if (value.length() > MAX_LENGTH) {
            return problem("This is too long: enter at most " + MAX_LENGTH + " characters.");
        }
        if (value.contains("@")) {
            return EMAIL.matcher(value).matches()
                    ? ok(Kind.EMAIL, value)
                    : problem("Enter an email address in the right form, like name@example.org.");
        }
        long digits = value.chars().filter(Character::isDigit).count();
        if (!PHONE.matcher(value).matches() || digits < 7 || digits > 15) {
            return problem("Enter a phone number of 7 to 15 digits, like 07700 900123 or +44 7700 900123,"
                    + " or an email address.");
        }
        return ok(Kind.PHONE, value);
    }

    private static Checked ok(Kind kind, String value) {
        return new Checked(Optional.of(new ContactAddress(kind, value)), null);
    }

    private static Checked problem(String problem) {
        return new Checked(Optional.empty(), problem);
    }

    /** Never the address itself, should a record be printed. */
    @Override
    public String toString() {
        return "ContactAddress[" + kind + "]";
    }
}
