package org.waymark.survey.contacts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals one contact value with AES-256-GCM: a fresh random 96-bit nonce for every value, a 128-bit
 * tag, and associated data naming the study and the response the value belongs to. GCM refuses to
 * open a value that was changed by a single bit, that was sealed under another key, or that was
 * copied to another response's row, since the associated data then differs.
 */
final class ContactCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** Versions the associated data, so a later format cannot be confused with this one. */
    private static final String CONTEXT = "waymark contact v1";

    /** A sealed value: the id of the key that sealed it, and the nonce followed by ciphertext and tag. */
    record Sealed(String keyId, byte[] bytes) {
        Sealed {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + bytes.length + " bytes]";
        }
    }

    /** A sealed value that cannot be opened: no such key, or changed, or moved to another row. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    private final ContactKeys keys;
    private final SecureRandom random;

    ContactCipher(ContactKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    boolean available() {
        return keys.available();
    }

    /** The id of the key that seals new values. */
    String currentKeyId() {
        return keys.current().id();
    }

    /** The ids of earlier keys, which still open older values. */
    java.util.List<String> previousKeyIds() {
        return keys.ids().stream().skip(1).toList();
    }

    Sealed seal(String value, String studyId, long responseId) {
        ContactKeys.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(key.id(), studyId, responseId));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return new Sealed(
                    key.id(),
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    String open(Sealed sealed, String studyId, long responseId) throws UnreadableException {
        ContactKeys.Key key = keys.byId(sealed.keyId())
                .orElseThrow(() -> new UnreadableException("sealed under key " + sealed.keyId()
                        + ", which is not configured: add it to waymark.contact.previous-keys"));
        byte[] bytes = sealed.bytes();
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableException("too short to be a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key.secret(),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(key.id(), studyId, responseId));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableException("changed, or moved from another response, since it was sealed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** Binds a value to its key, study and response: opening it anywhere else fails. */
    private static byte[] associatedData(String keyId, String studyId, long responseId) {
        return (CONTEXT + "\n" + keyId + "\n" + studyId + "\n" + responseId).getBytes(StandardCharsets.UTF_8);
    }
}
