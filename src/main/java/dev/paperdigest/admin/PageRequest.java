package dev.paperdigest.admin;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=&size=} of every admin list (page from 0). Taken as text and checked by Bean
 * Validation, so "abc" is a 400 that says why rather than the 404 JAX-RS answers when it cannot
 * convert a query parameter.
 */
public class PageRequest {

    @QueryParam("page")
    @DefaultValue("0")
    @Pattern(regexp = "\\d{1,18}", message = "must be a whole number from 0")
    String page;

    /** 1 to 200. */
    @QueryParam("size")
    @DefaultValue("20")
    @Pattern(regexp = "[1-9]|[1-9]\\d|1\\d\\d|200", message = "must be from 1 to 200")
    String size;

    /** A page past the last one is empty, however far out. */
    int page() {
        return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(page));
    }

    int size() {
        return Integer.parseInt(size);
    }
}
