package org.waymark.survey.contacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.waymark.survey.WaymarkProperties;

/**
 * Finds the key for contact details outside the database: {@code waymark.contact.key} (the environment
 * variable {@code WAYMARK_CONTACT_KEY}), else {@code waymark.contact.key-file}. With neither, a
 * development instance makes a key file once in its data folder, readable by its owner only; under
 * the {@code production} profile there is then no key, and {@link FollowUpKeyCheck} refuses to start
 * while a study offers follow-up.
 */
@Configuration(proxyBeanMethods = false)
class ContactKeyConfiguration {

    static final String DEVELOPMENT_KEY_FILE = "contact.key";

    private static final Logger log = LoggerFactory.getLogger(ContactKeyConfiguration.class);

    @Bean
    ContactKeys contactKeys(ContactKeySettings settings, WaymarkProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("production"));
        byte[] current;
        if (settings.key() != null && !settings.key().isBlank()) {
            current = decode(settings.key(), "waymark.contact.key (WAYMARK_CONTACT_KEY)");
        } else if (settings.keyFile() != null) {
            current = readKeyFile(settings.keyFile(), "waymark.contact.key-file");
        } else if (production) {
            log.info("No contact key is configured: participants cannot leave contact details for follow-up");
            return ContactKeys.none();
        } else {
            current = developmentKey(properties.dataDir().resolve(DEVELOPMENT_KEY_FILE));
        }
        List<byte[]> previous = settings.previousKeys().stream()
                .map(key -> decode(key, "an entry of waymark.contact.previous-keys"))
                .toList();
        ContactKeys keys = ContactKeys.of(current, previous);
        log.info(
                "Contact details are sealed with key {}; {} earlier key(s) open older values",
                keys.ids().getFirst(),
                keys.ids().size() - 1);
        return keys;
    }

    @Bean
    ContactCipher contactCipher(ContactKeys keys) {
        return new ContactCipher(keys, new SecureRandom());
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ContactKeyException(
                    "The contact key in " + where + " is not Base64. Make one with" + " 'openssl rand -base64 32'.");
        }
        if (key.length != ContactKeys.KEY_BYTES) {
            throw new ContactKeyException("The contact key in " + where + " is " + key.length + " bytes; it must be "
                    + ContactKeys.KEY_BYTES + " (256 bits). Make one with 'openssl rand -base64 32'.");
        }
        return key;
    }

    private static byte[] readKeyFile(Path file, String where) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), where + " (" + file + ")");
        } catch (IOException e) {
            throw new ContactKeyException("The contact key file " + file + " named by " + where
                    + " cannot be read. Check that it exists and that Waymark's user may read it.");
        }
    }

    /** The development key: read if made before, else made now, written for the owner's eyes only. */
    private static byte[] developmentKey(Path file) {
        if (Files.exists(file)) {
            return readKeyFile(file, "the development key file");
        }
        byte[] key = new byte[ContactKeys.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            return readKeyFile(file, "the development key file");
        } catch (IOException e) {
            throw new ContactKeyException("Waymark could not write a development contact key to " + file
                    + ". Set WAYMARK_CONTACT_KEY or waymark.contact.key-file instead.");
        }
        log.info(
                "Made a contact key for development in {} (owner-only). Under the production profile, set"
                        + " WAYMARK_CONTACT_KEY or waymark.contact.key-file instead.",
                file.toAbsolutePath());
        return key;
    }
}
