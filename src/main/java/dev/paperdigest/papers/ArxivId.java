package dev.paperdigest.papers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An arXiv identifier split into the base id (what a paper is keyed by) and its version. */
public record ArxivId(String id, Integer version) {

    /** A base id: new-style (2401.01234) or old-style (hep-th/9901001, math.AG/0101001). */
    private static final String BASE_ID = "\\d{4}\\.\\d{4,5}|[a-zA-Z-]+(?:\\.[A-Z]{2})?/\\d{7}";

    private static final Pattern FORM = Pattern.compile(
            "^(?:https?://(?:export\\.)?arxiv\\.org/(?:abs|pdf)/|arxiv:)?" + "(" + BASE_ID
                    + ")(?:v(\\d+))?(?:\\.pdf)?$",
            Pattern.CASE_INSENSITIVE);

    /** Accepts {@code 2401.01234v2}, {@code hep-th/9901001}, {@code arXiv:…} and abs/pdf URLs. */
    public static Optional<ArxivId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(raw.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(1);
        int slash = id.indexOf('/');
        if (slash > 0) {
            // the archive of an old-style id is lower case, its subject class upper case
            String archive = id.substring(0, slash);
            int dot = archive.indexOf('.');
            archive = dot < 0
                    ? archive.toLowerCase()
                    : archive.substring(0, dot).toLowerCase()
                            + archive.substring(dot).toUpperCase();
            id = archive + id.substring(slash);
        }
        return Optional.of(new ArxivId(id, m.group(2) == null ? null : Integer.valueOf(m.group(2))));
    }

    /**
     * Whether {@code raw} is a base id as papers are keyed by: no prefix, no version, the archive
     * of an old-style id in lower case and its subject class in upper case.
     */
    public static boolean isBaseId(String raw) {
        return parse(raw)
                .filter(parsed -> parsed.version() == null && parsed.id().equals(raw))
                .isPresent();
    }
}
