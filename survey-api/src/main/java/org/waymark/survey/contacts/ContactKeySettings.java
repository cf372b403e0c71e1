package org.waymark.survey.contacts;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key for contact details comes from, under {@code waymark.contact.*}; never from the
 * database. Documented in docs/configuration.md#contact-details.
 *
 * @param key the current key, 32 bytes in Base64; usually set as the environment variable
 *     {@code WAYMARK_CONTACT_KEY}
 * @param keyFile a file holding the current key in Base64, if {@code key} is not set
 * @param previousKeys keys used before a rotation, in Base64: they open older values, never seal new ones
 */
@ConfigurationProperties("waymark.contact")
record ContactKeySettings(String key, Path keyFile, List<String> previousKeys) {

    ContactKeySettings {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    /** Never shows a key, should these settings ever be printed. */
    @Override
    public String toString() {
        return "ContactKeySettings[key=" + (key == null ? "not set" : "(set)") + ", keyFile=" + keyFile
                + ", previousKeys=" + previousKeys.size() + "]";
    }
}
