package org.waymark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuerySyntaxTests {

    @Test
    void matchesWordsByTheirStemAndPhrasesAsWritten() {
        assertThat(QuerySyntax.parse("caring staff").toString()).isEqualTo("+text:care +text:staff");
        assertThat(QuerySyntax.parse("\"caring staff\"").toString()).isEqualTo("text_exact:\"caring staff\"");
        assertThat(QuerySyntax.parse("\"care plan\"~5").toString()).isEqualTo("text_exact:\"care plan\"~5");
    }

    @Test
    void readsOperatorsBracketsWildcardsAndFuzzyWords() {
        assertThat(QuerySyntax.parse("hope AND (staff OR nurse) NOT police").toString())
                .isEqualTo("+text:hope +(text:staff text:nurs) -text:polic");
        assertThat(QuerySyntax.parse("recovery*").toString()).isEqualTo("text_exact:recovery*");
        assertThat(QuerySyntax.parse("listend~").toString()).isEqualTo("text_exact:listend~2");
        assertThat(QuerySyntax.parse("why did nobody listen?").toString())
                .isEqualTo("+text:why +text:did +text:nobodi +text:listen");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            *covery                 | can only end a word
            re*overy                | can only end a word
            r*covery                | can only end a word
            NOT police              | Add a word or phrase
            -police -staff          | Add a word or phrase
            re*                     | at least 3 letters
            /rec.*/                 | regular expressions
            [a TO z]                | Ranges
            question:secret         | named field
            "unclosed phrase        | could not be read
            (hope OR staff          | could not be read
            hope AND                | could not be read
            AND                     | could not be read
            ))))                    | could not be read
            hope^99999999999999999999999999999999999999999 | is too large
            """)
    void refusesCostlyOrMalformedQueriesWithAPlainMessage(String query, String message) {
        assertThatThrownBy(() -> QuerySyntax.parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(message)
                .message()
                .doesNotContain("Lucene", "Exception", "Encountered", "org.apache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void asksForWordsWhenTheQueryIsEmpty(String query) {
        assertThatThrownBy(() -> QuerySyntax.parse(query)).hasMessage("Enter one or more words to search for.");
    }

    @Test
    void refusesQueriesLongerThanTheLimit() {
        String longQuery = "hope ".repeat(QuerySyntax.MAX_LENGTH / 5 + 1);
        assertThatThrownBy(() -> QuerySyntax.parse(longQuery)).hasMessageContaining("longer than 500 characters");
    }
}
