package dev.paperdigest.digests;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An Atom 1.0 feed (RFC 4287) and its XML. Written with the JDK's XML writer rather than a
 * template: titles and abstracts are untrusted, and besides escaping {@code <} and {@code &} the
 * text must lose the characters XML cannot carry at all (control characters, lone surrogates),
 * which would otherwise make the whole feed unreadable.
 */
record AtomFeed(
        String id,
        String title,
        String subtitle,
        Instant updated,
        String selfUrl,
        String siteUrl,
        List<Entry> entries) {

    static final String NAMESPACE = "http://www.w3.org/2005/Atom";
    /** The scheme arXiv's own Atom feeds give their category terms. */
    static final String ARXIV_CATEGORIES = "http://arxiv.org/schemas/atom";

    /** One paper: {@code id} and {@code url} are its abstract page on arXiv. */
    record Entry(
            String url,
            String title,
            Instant published,
            Instant updated,
            List<String> authors,
            String summary,
            List<String> categories,
            String pdfUrl) {}

    String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NAMESPACE);
            text(xml, "id", id);
            text(xml, "title", title);
            text(xml, "subtitle", subtitle);
            text(xml, "updated", date(updated));
            link(xml, "self", "application/atom+xml", selfUrl, null);
            link(xml, "alternate", "text/html", siteUrl, null);
            xml.writeStartElement("author");
            text(xml, "name", "Paper Digest");
            xml.writeEndElement();
            text(xml, "generator", "Paper Digest");
            for (Entry entry : entries) {
                entry(xml, entry);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
        return out.toString();
    }

    private static void entry(XMLStreamWriter xml, Entry entry) throws XMLStreamException {
        xml.writeStartElement("entry");
        text(xml, "id", entry.url());
        text(xml, "title", entry.title());
        text(xml, "published", date(entry.published()));
        text(xml, "updated", date(entry.updated()));
        for (String author : entry.authors()) {
            xml.writeStartElement("author");
            text(xml, "name", author);
            xml.writeEndElement();
        }
        if (entry.summary() != null && !entry.summary().isBlank()) {
            text(xml, "summary", entry.summary());
        }
        link(xml, "alternate", "text/html", entry.url(), null);
        if (entry.pdfUrl() != null) {
            link(xml, "related", "application/pdf", entry.pdfUrl(), "PDF");
        }
        for (String category : entry.categories()) {
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", xmlText(category));
            xml.writeAttribute("scheme", ARXIV_CATEGORIES);
        }
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(xmlText(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href, String title)
            throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlText(href));
        if (title != null) {
            xml.writeAttribute("title", title);
        }
    }

    /** RFC 3339, as Atom dates are, to the second. */
    private static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The text without the characters XML 1.0 forbids; the writer escapes the rest. */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(AtomFeed::allowedInXml).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
