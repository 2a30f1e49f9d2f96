package dev.paperdigest.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Emails carry absolute links under digest.public-url; tests follow them on the test port. */
public final class Links {

    private Links() {}

    public static String pathAndQuery(String absolute) {
        URI uri = URI.create(absolute);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static String token(String absolute) {
        String query = URI.create(absolute).getRawQuery();
        return URLDecoder.decode(query.substring(query.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }
}
