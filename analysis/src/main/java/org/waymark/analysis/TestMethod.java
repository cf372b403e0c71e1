package org.waymark.analysis;

/** The significance tests this library runs, with the identifiers the published JSON uses. */
public enum TestMethod {
    PEARSON_CHI_SQUARE("pearson-chi-square"),
    FISHER_EXACT("fisher-exact"),
    FISHER_EXACT_MONTE_CARLO("fisher-exact-monte-carlo"),
    MANN_WHITNEY("mann-whitney"),
    KRUSKAL_WALLIS("kruskal-wallis");

    private final String id;

    TestMethod(String id) {
        this.id = id;
    }

    /** The identifier in published output, such as {@code fisher-exact}. */
    public String id() {
        return id;
    }
}
