package dev.paperdigest.papers;

import jakarta.enterprise.context.ApplicationScoped;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The arXiv export API's Atom feed ({@code /api/query}), read with StAX entry by entry. Reads the
 * current format and the classic one (wrapped titles and summaries, {@code dx.doi.org} links,
 * {@code arxiv:} elements declaring their own namespace, {@code -04:00} offsets).
 *
 * <p>Text is already decoded by the XML parser, so it is only whitespace-collapsed here
 * ({@link PaperText#collapse}): entities are decoded exactly once. Categories come primary first.
 * An entry that cannot become a paper is rejected with its reason; the others are kept. A feed
 * that breaks half-way (truncated, not XML) throws {@link IOException} after the entries before
 * the break were handed to the sink. An entry is listed on its announcement day
 * ({@link ArxivAnnouncement}), worked out from its {@code published} time.
 */
@ApplicationScoped
public class ArxivAtomParser implements PaperFeedParser {

    public static final String SOURCE = "arxiv";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ARXIV = "http://arxiv.org/schemas/atom";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    private static final String ERROR_ID = "arxiv.org/api/errors";

    private final XMLInputFactory factory;

    public ArxivAtomParser() {
        factory = XMLInputFactory.newFactory();
        // no DTDs, no external entities: a feed is data, never instructions to fetch more
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows it; SUPPORT_DTD=false suffices
        }
    }

    /** What the feed said about itself, besides its entries. */
    public static final class Feed {
        /** {@code opensearch:totalResults}, or -1 when absent. */
        public int totalResults = -1;
        /** Entries in this document, rejected ones included. */
        public int entries;
        /** Newest and oldest {@code published} of the accepted entries, null when none. */
        public Instant newestPublished;

        public Instant oldestPublished;
    }

    @Override
    public void parse(InputStream in, Sink sink) throws IOException {
        parseFeed(in, sink, new Feed());
    }

    /** Parses into the sink and fills {@code feed} as it goes, so it is also valid after a throw. */
    public Feed parseFeed(InputStream in, Sink sink, Feed feed) throws IOException {
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            if (xml.nextTag() != XMLStreamConstants.START_ELEMENT
                    || !"feed".equals(xml.getLocalName())
                    || !ATOM.equals(xml.getNamespaceURI())) {
                throw new IOException("not an Atom feed (root element " + xml.getLocalName() + ")");
            }
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT && "feed".equals(xml.getLocalName())) {
                    return feed;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (isElement(xml, ATOM, "entry")) {
                    int index = feed.entries++;
                    Entry entry = readEntry(xml);
                    if (entry.id != null && entry.id.contains(ERROR_ID)) {
                        throw new IOException("arXiv answered with an error: " + PaperText.collapse(entry.summary));
                    }
                    PaperRecord record;
                    try {
                        record = entry.toRecord();
                    } catch (IllegalArgumentException e) {
                        sink.reject(index, e.getMessage());
                        continue;
                    }
                    if (record.publishedAt() != null) {
                        if (feed.newestPublished == null || record.publishedAt().isAfter(feed.newestPublished)) {
                            feed.newestPublished = record.publishedAt();
                        }
                        if (feed.oldestPublished == null || record.publishedAt().isBefore(feed.oldestPublished)) {
                            feed.oldestPublished = record.publishedAt();
                        }
                    }
                    sink.accept(index, record);
                } else if (isElement(xml, OPENSEARCH, "totalResults")) {
                    String total = xml.getElementText().strip();
                    try {
                        feed.totalResults = Integer.parseInt(total);
                    } catch (NumberFormatException e) {
                        throw new IOException("unreadable opensearch:totalResults: " + total);
                    }
                }
            }
            throw new IOException("the feed ends before </feed>");
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof IOException io) {
                throw io; // the stream itself failed (size limit, stall, cut connection)
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the stream, which the caller closes
                }
            }
        }
    }

    private static boolean isElement(XMLStreamReader xml, String namespace, String name) {
        return name.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
    }

    /** Reads one {@code <entry>} up to its end tag. */
    private static Entry readEntry(XMLStreamReader xml) throws XMLStreamException {
        Entry entry = new Entry();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String ns = xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (ATOM.equals(ns)) {
                switch (name) {
                    case "id" -> entry.id = xml.getElementText();
                    case "title" -> entry.title = xml.getElementText();
                    case "summary" -> entry.summary = xml.getElementText();
                    case "published" -> entry.published = xml.getElementText();
                    case "updated" -> entry.updated = xml.getElementText();
                    case "category" -> {
                        addCategory(entry.categories, xml.getAttributeValue(null, "term"));
                        skip(xml);
                    }
                    case "link" -> {
                        String title = xml.getAttributeValue(null, "title");
                        String type = xml.getAttributeValue(null, "type");
                        if ("pdf".equals(title) || "application/pdf".equals(type)) {
                            entry.pdf = xml.getAttributeValue(null, "href");
                        } else if ("doi".equals(title) && entry.doiLink == null) {
                            entry.doiLink = xml.getAttributeValue(null, "href");
                        }
                        skip(xml);
                    }
                    case "author" -> readAuthor(xml, entry);
                    default -> skip(xml);
                }
            } else if (ARXIV.equals(ns)) {
                switch (name) {
                    case "primary_category" -> {
                        entry.primary = xml.getAttributeValue(null, "term");
                        skip(xml);
                    }
                    case "comment" -> entry.comment = xml.getElementText();
                    case "journal_ref" -> entry.journalRef = xml.getElementText();
                    case "doi" -> entry.doi = xml.getElementText();
                    default -> skip(xml);
                }
            } else {
                skip(xml);
            }
        }
        return entry;
    }

    private static void readAuthor(XMLStreamReader xml, Entry entry) throws XMLStreamException {
        String name = null;
        List<String> affiliations = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (isElement(xml, ATOM, "name")) {
                    name = PaperText.collapse(xml.getElementText());
                } else if (isElement(xml, ARXIV, "affiliation")) {
                    String affiliation = PaperText.collapse(xml.getElementText());
                    if (!affiliation.isEmpty()) {
                        affiliations.add(affiliation.replace(" | ", " / "));
                    }
                } else {
                    skip(xml);
                }
            }
        }
        if (name != null && !name.isEmpty()) {
            entry.authors.add(name);
            entry.affiliations.add(String.join(" | ", affiliations));
        }
    }

    private static void addCategory(List<String> categories, String term) {
        if (term != null && !term.isBlank() && !categories.contains(term.strip())) {
            categories.add(term.strip());
        }
    }

    /** Skips the element the reader is on, children included. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static final class Entry {
        String id;
        String title;
        String summary;
        String published;
        String updated;
        String primary;
        String comment;
        String journalRef;
        String doi;
        String doiLink;
        String pdf;
        final List<String> categories = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        final List<String> affiliations = new ArrayList<>();

        PaperRecord toRecord() {
            ArxivId arxivId =
                    ArxivId.parse(id).orElseThrow(() -> new IllegalArgumentException("not an arXiv id: " + id));
            List<String> ordered = new ArrayList<>();
            addCategory(ordered, primary);
            categories.forEach(c -> addCategory(ordered, c));
            String cleanDoi = PaperText.collapse(doi);
            if ((cleanDoi == null || cleanDoi.isEmpty()) && doiLink != null) {
                cleanDoi = doiLink.replaceFirst("^https?://(dx\\.)?doi\\.org/", "");
            }
            Instant submitted = instant("published", published);
            return new PaperRecord(
                    arxivId.id(),
                    arxivId.version(),
                    PaperText.collapse(title),
                    PaperText.collapse(summary),
                    authors,
                    ordered,
                    submitted,
                    instant("updated", updated),
                    null,
                    null,
                    SOURCE,
                    ArxivAnnouncement.dayOf(submitted),
                    emptyToNull(comment),
                    emptyToNull(journalRef),
                    emptyToNull(cleanDoi),
                    null,
                    null,
                    null,
                    List.of(),
                    affiliations,
                    emptyToNull(pdf));
        }

        private static String emptyToNull(String text) {
            String clean = PaperText.collapse(text);
            return clean == null || clean.isEmpty() ? null : clean;
        }

        private static Instant instant(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("unreadable " + field + " date: " + value.strip());
            }
        }
    }
}
