package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.QueryKind;

/** The fields of the forms that hold queries, one kind each. */
enum QueryField {
    KEYWORDS("keywords", QueryKind.KEYWORD, "Keyword"),
    AUTHORS("authors", QueryKind.AUTHOR, "Author"),
    CATEGORIES("categories", QueryKind.CATEGORY, "Category");

    private final String formName;
    private final QueryKind kind;
    private final String label;

    QueryField(String formName, QueryKind kind, String label) {
        this.formName = formName;
        this.kind = kind;
        this.label = label;
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
}
