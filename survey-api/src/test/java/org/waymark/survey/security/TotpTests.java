package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one-time codes, against the published test vectors, and the window and encoding around them. */
class TotpTests {

    /** RFC 6238 Appendix B and RFC 4226 Appendix D: the 20-byte ASCII secret for HMAC-SHA1. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static String codeAt(long unixSeconds, int digits) {
        return Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(unixSeconds)), digits);
    }

    @Test
    void matchesTheSha1VectorsOfRfc6238AppendixB() {
        // RFC 6238, Appendix B, the SHA1 rows: time (seconds since the epoch) and the 8-digit TOTP.
        assertThat(codeAt(59L, 8)).isEqualTo("94287082");
        assertThat(codeAt(1111111109L, 8)).isEqualTo("07081804");
        assertThat(codeAt(1111111111L, 8)).isEqualTo("14050471");
        assertThat(codeAt(1234567890L, 8)).isEqualTo("89005924");
        assertThat(codeAt(2000000000L, 8)).isEqualTo("69279037");
        assertThat(codeAt(20000000000L, 8)).isEqualTo("65353130");
    }

    @Test
    void makesTheSixDigitCodesOfRfc4226AppendixD() {
        // RFC 4226, Appendix D: HOTP values for counts 0 to 9 with the same secret; TOTP is HOTP of the step.
        String[] expected = {
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"
        };
        for (int count = 0; count < expected.length; count++) {
            assertThat(Totp.code(RFC_SECRET, count, 6)).as("count " + count).isEqualTo(expected[count]);
        }
    }

    @Test
    void acceptsACodeFromOneStepEitherSideButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            String code = Totp.code(RFC_SECRET, step + offset, 6);
            assertThat(Totp.matchingStep(RFC_SECRET, code, now)).hasValue(step + offset);
        }
        for (long offset : new long[] {-2, 2}) {
            String code = Totp.code(RFC_SECRET, step + offset, 6);
            // A code of a step two away may by chance equal one inside the window; none does here.
            assertThat(Totp.matchingStep(RFC_SECRET, code, now)).isEmpty();
        }
    }

    @Test
    void refusesAnythingButSixDigits() {
        Instant now = Instant.ofEpochSecond(59L);
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "94287082", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "28708a", now)).isEmpty();
        // Typed with a space in the middle, as apps show it: "287 082" (count 1 is the step of time 59).
        assertThat(Totp.matchingStep(RFC_SECRET, "287 082", now)).hasValue(1);
    }

    @Test
    void encodesBase32AsRfc4648Section10WithoutPadding() {
        // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======"; apps take it without the padding.
        assertThat(Base32.encode("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Base32.encode("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXQ");
        assertThat(Base32.encode("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6");
        assertThat(Base32.encode("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YQ");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
    }

    @Test
    void aNewSecretSurvivesGroupingForTyping() {
        byte[] secret = Totp.newSecret();
        String base32 = Base32.encode(secret);
        assertThat(base32).hasSize(32);
        String grouped = Totp.grouped(base32);
        assertThat(grouped).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        assertThat(Base32.decode(grouped)).isEqualTo(secret);
    }

    @Test
    void theAppAddressNamesTheAlgorithmDigitsAndPeriod() {
        assertThat(Totp.uri("Waymark", "sam lee", "MZXW6YTBOI"))
                .isEqualTo("otpauth://totp/Waymark:sam%20lee?secret=MZXW6YTBOI&issuer=Waymark&algorithm=SHA1"
                        + "&digits=6&period=30");
    }
}
