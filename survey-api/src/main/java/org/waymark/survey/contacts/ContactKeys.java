package org.waymark.survey.contacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys for contact details: the current one, which seals every new value, and earlier ones
 * that still open values sealed before a rotation. Each key is known by an id worked out from the key
 * itself, stored beside every value, so a value names the key that opens it without revealing it.
 */
final class ContactKeys {

    static final int KEY_BYTES = 32;

    /** One key and its id. */
    record Key(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "Key[id=" + id + "]";
        }
    }

    private final Key current;
    private final Map<String, Key> byId;

    private ContactKeys(Key current, Map<String, Key> byId) {
        this.current = current;
        this.byId = byId;
    }

    /** No key at all: contact details can be neither stored nor read. */
    static ContactKeys none() {
        return new ContactKeys(null, Map.of());
    }

    /** The current key first, then earlier ones that only open older values. */
    static ContactKeys of(byte[] current, List<byte[]> previous) {
        List<byte[]> all = new ArrayList<>();
        all.add(current);
        all.addAll(previous);
        Map<String, Key> byId = new LinkedHashMap<>();
        for (byte[] raw : all) {
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException(
                        "a contact key must be " + KEY_BYTES + " bytes (256 bits), not " + raw.length);
            }
            Key key = new Key(idOf(raw), new SecretKeySpec(raw.clone(), "AES"));
            byId.putIfAbsent(key.id(), key);
        }
        return new ContactKeys(byId.values().iterator().next(), Map.copyOf(byId));
    }

    /**
     * A key's id: the first 16 hex digits of a SHA-256 over a label and the key. One-way, so the id
     * says which key it is without helping anyone find the key.
     */
    static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("waymark contact key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    boolean available() {
        return current != null;
    }

    /** The key that seals new values. */
    Key current() {
        if (current == null) {
            throw new IllegalStateException("no contact key is configured");
        }
        return current;
    }

    Optional<Key> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids of every key known, current first. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (current != null) {
            ids.add(current.id());
            byId.keySet().stream()
                    .filter(id -> !id.equals(current.id()))
                    .sorted()
                    .forEach(ids::add);
        }
        return ids;
    }

    @Override
    public String toString() {
        return "ContactKeys" + ids();
    }
}
