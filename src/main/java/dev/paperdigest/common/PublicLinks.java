package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Absolute links for emails, under {@code digest.public-url}. */
@ApplicationScoped
public class PublicLinks {

    private final String base;

    public PublicLinks(SiteConfig config) {
        String url = config.publicUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String to(String path) {
        return base + path;
    }

    public String withToken(String path, String token) {
        return base + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The host part of the public URL, for Message-IDs. */
    public String host() {
        return URI.create(base).getHost();
    }
}
