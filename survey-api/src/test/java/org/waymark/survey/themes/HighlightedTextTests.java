package org.waymark.survey.themes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.waymark.survey.themes.HighlightedText.Piece;

/** Search highlights taken apart into plain text pieces, so that a page never shows them as markup. */
class HighlightedTextTests {

    @Test
    void splitsMarkedWordsFromTheTextAround() {
        assertThat(HighlightedText.of("The staff were <mark>kind</mark> to me").pieces())
                .containsExactly(
                        new Piece("The staff were ", false), new Piece("kind", true), new Piece(" to me", false));
    }

    @Test
    void undoesTheEscapingOfLucenesPassageFormatter() {
        // As DefaultPassageFormatter(escape = true) writes "<b>Kind</b> & 'staff'/nurses": named entities
        // for & < > ", hexadecimal ones for ' and /, and decimal ones for other characters below 0xff.
        String escaped = "&lt;b&gt;<mark>Kind</mark>&lt;&#x2F;b&gt;&#32;&amp;&#32;&#x27;staff&#x27;&#x2F;nurses";

        assertThat(HighlightedText.of(escaped).pieces())
                .containsExactly(
                        new Piece("<b>", false), new Piece("Kind", true), new Piece("</b> & 'staff'/nurses", false));
    }

    @Test
    void leavesAnAmpersandThatStartsNoEntityAsItIs() {
        assertThat(HighlightedText.unescape("fish & chips; &nosuch; &#xZZ;"))
                .isEqualTo("fish & chips; &nosuch; &#xZZ;");
    }

    @Test
    void keepsCharactersBeyondLatinOneAndAnEmptyHighlightHasNoPieces() {
        assertThat(HighlightedText.of("<mark>café</mark> 😊").pieces())
                .containsExactly(new Piece("café", true), new Piece(" 😊", false));
        assertThat(HighlightedText.of("").pieces()).isEmpty();
    }
}
