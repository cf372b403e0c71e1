package org.waymark.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The two ways an answer's text is analysed. Both split words as Unicode says, lower-case them and fold
 * accents; the stemmed form also removes possessives and reduces words to their stem, so that "caring",
 * "cared" and "cares" all find "care". No stop words are removed: in answers about care, "not" and "no"
 * carry the meaning ("did not listen").
 */
public final class AnswerAnalyzers {

    /** Between the two words of a pair in the word-pair field; no word as written holds a space. */
    static final String PAIR_SEPARATOR = " ";

    /**
     * The whole-document analyzer shared by every search (the query parser and the highlighter): an
     * analyzer keeps its token streams for reuse, one set per thread, and building them anew for each
     * search cost a twentieth of a broad one.
     */
    static final Analyzer FOR_SEARCHES = perField();

    private AnswerAnalyzers() {}

    /** Stemmed English, for ordinary words. */
    public static Analyzer stemmed() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                return new TokenStreamComponents(source, new PorterStemFilter(stream));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** Words as written (lower-cased), for "exact phrases". */
    public static Analyzer exact() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /**
     * The words of a text as written (lower-cased, accents folded), leaving out the commonest English
     * words, which say nothing about a theme: for counting which words a group uses.
     */
    public static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        try (Analyzer analyzer = exact();
                TokenStream stream = analyzer.tokenStream(AnswerFields.EXACT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (word.length() > 2 && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
                    words.add(word);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a text", e);
        }
        return words;
    }

    /**
     * Each pair of adjacent words as written, as one term ("care plan"), for looking up two-word phrases
     * without comparing positions. Built from the same words as {@link #exact()}.
     */
    static Analyzer pairs() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                ShingleFilter pairs = new ShingleFilter(new ASCIIFoldingFilter(new LowerCaseFilter(source)), 2, 2);
                pairs.setOutputUnigrams(false);
                pairs.setTokenSeparator(PAIR_SEPARATOR);
                return new TokenStreamComponents(source, pairs);
            }
        };
    }

    /** The analyzer for a whole answer document: stemmed text, and exact text and word pairs in their own fields. */
    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(stemmed(), Map.of(AnswerFields.EXACT, exact(), AnswerFields.PAIRS, pairs()));
    }
}
