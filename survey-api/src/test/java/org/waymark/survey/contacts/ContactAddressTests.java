package org.waymark.survey.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a participant may type as a contact, and what they are told when it will not do. */
class ContactAddressTests {

    @Test
    void acceptsAnEmailAddressOrAPhoneNumber() {
        assertThat(ContactAddress.check("  name@example.org ").address())
                .contains(new ContactAddress(ContactAddress.Kind.EMAIL, "name@example.org"));
        assertThat(ContactAddress.check("07700 900123").address())
                .contains(new ContactAddress(ContactAddress.Kind.PHONE, "07700 900123"));
        assertThat(ContactAddress.check("+44 (0)20 7946-0000").address()).isPresent();
    }

    @Test
    void saysWhatToFix() {
        assertThat(ContactAddress.check("").problem()).contains("Enter an email address or a phone number");
        assertThat(ContactAddress.check("name@example").problem()).contains("like name@example.org");
        assertThat(ContactAddress.check("name @example.org").problem()).contains("like name@example.org");
        assertThat(ContactAddress.check("12345").problem()).contains("7 to 15 digits");
        assertThat(ContactAddress.check("call me maybe").problem()).contains("7 to 15 digits");
        assertThat(ContactAddress.check("a".repeat(250) + "@example.org").problem())
                .contains("at most 254");
    }

    @Test
    void neverShowsTheAddressWhenPrinted() {
        assertThat(new ContactAddress(ContactAddress.Kind.EMAIL, "name@example.org").toString())
                .doesNotContain("name");
    }
}
