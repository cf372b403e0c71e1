package org.waymark.survey.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.waymark.survey.WaymarkProperties;

class AccessCodesTests {

    private static AccessCodes withKey(String base64) {
        return new AccessCodes(
                new WaymarkProperties(Path.of("target", "codes-test"), null, null, null, null, null, null),
                new MockEnvironment().withProperty(AccessCodes.KEY_PROPERTY, base64));
    }

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void derivesTheSameCodeFromTheSameRequest() {
        AccessCodes codes = withKey(KEY);
        assertThat(codes.derived("receipt", "study", "key-1")).isEqualTo(codes.derived("receipt", "study", "key-1"));
        assertThat(codes.derived("receipt", "study", "key-1"))
                .isNotEqualTo(codes.derived("resume", "study", "key-1"))
                .isNotEqualTo(codes.derived("receipt", "study", "key-2"))
                .isNotEqualTo(codes.derived("receipt", "other", "key-1"));
    }

    @Test
    void dependsOnTheServerSecret() {
        String otherKey = Base64.getEncoder().encodeToString("another secret of thirty-two b!".getBytes());
        assertThat(withKey(KEY).derived("receipt", "study", "key-1"))
                .isNotEqualTo(withKey(otherKey).derived("receipt", "study", "key-1"));
    }

    @Test
    void makesFourWordCodesThatRarelyRepeat() {
        AccessCodes codes = withKey(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = codes.random();
            assertThat(code).matches("[a-z]{3,7}(-[a-z]{3,7}){3}");
            seen.add(code);
        }
        // 2048^4 = 2^44 codes: 10,000 draws collide with probability about 3e-6.
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void hashesACodeHoweverItIsTyped() {
        assertThat(AccessCodes.hash("  Apple  RIVER-green,table "))
                .isEqualTo(AccessCodes.hash("apple-river-green-table"))
                .hasSize(64);
    }
}
