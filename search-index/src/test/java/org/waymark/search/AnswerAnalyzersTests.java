package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerAnalyzersTests {

    @Test
    void countsContentWordsAsWrittenWithoutTheCommonestOnes() {
        assertThat(AnswerAnalyzers.contentWords("The Nurses LISTENED to me, and the café was calm; I'm OK."))
                .containsExactly("nurses", "listened", "cafe", "calm", "i'm");
    }
}
