package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.QueryKind;

/** The fields of the forms that hold queries, one kind each. */
enum QueryField {
    KEYWORDS("keywords", QueryKind.KEYWORD, "Keyword", "Keywords"),
    AUTHORS("authors", QueryKind.AUTHOR, "Author", "Authors"),
    CATEGORIES("categories", QueryKind.CATEGORY, "Category", "Categories"),
    PAPERS("papers", QueryKind.SIMILAR, "Paper", "Papers like these");

    private final String formName;
    private final QueryKind kind;
    private final String label;
    private final String heading;

    QueryField(String formName, QueryKind kind, String label, String heading) {
        this.formName = formName;
        this.kind = kind;
        this.label = label;
        this.heading = heading;
    }

    /** The name the field is posted under, and its errors filed under. */
    String formName() {
        return formName;
    }

    QueryKind kind() {
        return kind;
    }

    /** How a message names one line of the field: {@code Keyword "…" is empty}. */
    String label() {
        return label;
    }

    /** How a page heads the field's lines. */
    String heading() {
        return heading;
    }
}
