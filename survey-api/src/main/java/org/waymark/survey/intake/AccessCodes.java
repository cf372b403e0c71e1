package org.waymark.survey.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.waymark.survey.Sha256;
import org.waymark.survey.WaymarkProperties;

/**
 * Resume and receipt codes: four words from a list of 2,048 (44 bits), easy to write down. Only their
 * SHA-256 hashes are stored. A code for a request with an Idempotency-Key is derived from the key by
 * HMAC with a server secret, so a repeated request gets the same code back although the code itself
 * was never stored.
 */
@Component
public class AccessCodes {

    static final int WORDS_PER_CODE = 4;
    static final String KEY_PROPERTY = "waymark.code-key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> words;
    private final byte[] secret;

    AccessCodes(WaymarkProperties properties, Environment environment) {
        this.words = loadWords();
        this.secret = secret(properties.dataDir(), environment.getProperty(KEY_PROPERTY));
    }

    /** A code derived from a client's idempotency key: the same inputs always give the same code. */
    public String derived(String purpose, String studyId, String idempotencyKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest =
                    mac.doFinal((purpose + "\n" + studyId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return fromBits(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** A fresh random code. */
    public String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return fromBits(bytes);
    }

    /** The stored form of a code, however the participant typed it (case, spaces or hyphens). */
    public static String hash(String typed) {
        return Sha256.hex(normalise(typed));
    }

    static String normalise(String typed) {
        StringJoiner code = new StringJoiner("-");
        for (String word : typed.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (!word.isEmpty()) {
                code.add(word);
            }
        }
        return code.toString();
    }

    private String fromBits(byte[] bytes) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[i] & 0xff);
        }
        StringJoiner code = new StringJoiner("-");
        for (int i = 0; i < WORDS_PER_CODE; i++) {
            code.add(words.get((int) (bits & 0x7ff)));
            bits >>>= 11;
        }
        return code.toString();
    }

    private static List<String> loadWords() {
        try (InputStream in = new ClassPathResource("codes/words.txt").getInputStream()) {
            List<String> words = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (words.size() != 2048) {
                throw new IllegalStateException("the code word list must hold 2048 words");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("the code word list is missing from the build", e);
        }
    }

    /** The secret from {@code waymark.code-key} (Base64), or one kept in the data directory, made once. */
    private static byte[] secret(Path dataDir, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Base64.getDecoder().decode(configured.strip());
        }
        Path file = dataDir.resolve("code-key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the directory's own permissions protect the file.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Waymark could not read or create its code key in " + dataDir, e);
        }
    }
}
