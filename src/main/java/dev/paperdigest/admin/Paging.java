package dev.paperdigest.admin;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

import java.util.List;
import java.util.function.Function;

/** One page of an admin list: the {@code {items, page, size, total}} answer. */
public record Paging<T>(List<T> items, int page, int size, long total) {

    static <E, T> Paging<T> of(PanacheQuery<E> query, PageRequest request, Function<E, T> view) {
        int p = request.page();
        int s = request.size();
        // a page past the end is empty, even one so far out that its offset overflows an int
        List<T> items = (long) p * s > Integer.MAX_VALUE - s
                ? List.of()
                : query.page(Page.of(p, s)).list().stream().map(view).toList();
        return new Paging<>(items, p, s, query.count());
    }
}
