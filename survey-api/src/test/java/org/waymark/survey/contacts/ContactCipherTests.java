package org.waymark.survey.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field cipher: AES-256-GCM with a nonce per value, bound to its study and response. */
class ContactCipherTests {

    private static final String VALUE = "synthetic.person@example.org";

    private final byte[] key = key(1);
    private final ContactCipher cipher = new ContactCipher(ContactKeys.of(key, List.of()), new SecureRandom());

    private static byte[] key(int seed) {
        byte[] key = new byte[ContactKeys.KEY_BYTES];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }

    @Test
    void opensWhatItSealedAndHidesTheValue() throws Exception {
        ContactCipher.Sealed sealed = cipher.seal(VALUE, "study-a", 17);
        assertThat(sealed.keyId()).isEqualTo(ContactKeys.idOf(key)).hasSize(16);
        assertThat(sealed.bytes()).hasSize(ContactCipher.NONCE_BYTES + VALUE.length() + ContactCipher.TAG_BITS / 8);
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("example");
        assertThat(cipher.open(sealed, "study-a", 17)).isEqualTo(VALUE);
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = cipher.seal(VALUE, "study-a", 17).bytes();
            nonces.add(java.util.HexFormat.of().formatHex(bytes, 0, ContactCipher.NONCE_BYTES));
            ciphertexts.add(java.util.HexFormat.of().formatHex(bytes));
        }
        assertThat(nonces).as("1,000 seals of one value, 1,000 nonces").hasSize(1000);
        assertThat(ciphertexts).hasSize(1000);
    }

    @Test
    void refusesAValueChangedByOneBitAnywhere() {
        byte[] bytes = cipher.seal(VALUE, "study-a", 17).bytes();
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(
                            () -> cipher.open(new ContactCipher.Sealed(ContactKeys.idOf(key), flipped), "study-a", 17))
                    .as("bit 0 of byte " + at)
                    .isInstanceOf(ContactCipher.UnreadableException.class);
        }
    }

    @Test
    void refusesAValueMovedToAnotherResponseOrStudy() {
        ContactCipher.Sealed sealed = cipher.seal(VALUE, "study-a", 17);
        assertThatThrownBy(() -> cipher.open(sealed, "study-a", 18))
                .isInstanceOf(ContactCipher.UnreadableException.class)
                .hasMessageContaining("moved");
        assertThatThrownBy(() -> cipher.open(sealed, "study-b", 17))
                .isInstanceOf(ContactCipher.UnreadableException.class);
    }

    @Test
    void refusesAValueUnderAnotherKey() {
        ContactCipher.Sealed sealed = cipher.seal(VALUE, "study-a", 17);
        ContactCipher other = new ContactCipher(ContactKeys.of(key(2), List.of()), new SecureRandom());
        assertThatThrownBy(() -> other.open(sealed, "study-a", 17))
                .isInstanceOf(ContactCipher.UnreadableException.class)
                .hasMessageContaining("not configured");
        // The same bytes claimed to be under the other key: the tag does not hold.
        assertThatThrownBy(() ->
                        other.open(new ContactCipher.Sealed(ContactKeys.idOf(key(2)), sealed.bytes()), "study-a", 17))
                .isInstanceOf(ContactCipher.UnreadableException.class);
        assertThatThrownBy(() -> cipher.open(new ContactCipher.Sealed(sealed.keyId(), new byte[20]), "study-a", 17))
                .isInstanceOf(ContactCipher.UnreadableException.class);
    }

    @Test
    void opensOldValuesAfterARotationAndSealsNewOnesWithTheNewKey() throws Exception {
        ContactCipher.Sealed old = cipher.seal(VALUE, "study-a", 17);
        ContactCipher rotated = new ContactCipher(ContactKeys.of(key(2), List.of(key)), new SecureRandom());
        assertThat(rotated.open(old, "study-a", 17)).isEqualTo(VALUE);
        ContactCipher.Sealed fresh = rotated.seal(VALUE, "study-a", 17);
        assertThat(fresh.keyId()).isEqualTo(ContactKeys.idOf(key(2))).isNotEqualTo(old.keyId());
    }

    @Test
    void refusesKeysOfTheWrongLengthAndNeverShowsAKey() {
        assertThatThrownBy(() -> ContactKeys.of(new byte[16], List.of())).hasMessageContaining("32 bytes");
        String shown = ContactKeys.of(key, List.of()).toString() + cipher.seal(VALUE, "s", 1);
        assertThat(shown).doesNotContain(java.util.Base64.getEncoder().encodeToString(key));
        assertThat(ContactKeys.none().available()).isFalse();
    }
}
