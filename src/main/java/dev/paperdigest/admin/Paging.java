package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

import java.util.List;
import java.util.function.Function;

/** {@code ?page=&size=} (page from 0) and the {@code {items, page, size, total}} answer. */
public record Paging<T>(List<T> items, int page, int size, long total) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;

    static <E, T> Paging<T> of(PanacheQuery<E> query, String page, String size, Function<E, T> view) {
        int p = number("page", page, 0);
        int s = number("size", size, DEFAULT_SIZE);
        if (p < 0) {
            throw new InvalidInputException("page must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size must be from 1 to " + MAX_SIZE);
        }
        // a page past the end is empty, even one so far out that its offset overflows an int
        List<T> items = (long) p * s > Integer.MAX_VALUE - s ? List.of()
                : query.page(Page.of(p, s)).list().stream().map(view).toList();
        return new Paging<>(items, p, s, query.count());
    }

    private static int number(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number, not \"" + value + "\"");
        }
    }
}
