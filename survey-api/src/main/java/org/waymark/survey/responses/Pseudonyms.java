package org.waymark.survey.responses;

import java.security.SecureRandom;

/** Random public ids for participants and responses: 26 characters of Crockford base32, 130 bits. */
final class Pseudonyms {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pseudonyms() {}

    static String next() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
