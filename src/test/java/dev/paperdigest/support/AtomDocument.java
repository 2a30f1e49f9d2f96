package dev.paperdigest.support;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Atom 1.0 feed read with the JDK's namespace-aware XML parser and checked against the rules
 * of RFC 4287 that a feed reader relies on (ROME, which FeedTest also reads it with, forgives
 * most breaches): the feed and each entry
 * have exactly one id (an absolute IRI), title and updated (RFC 3339 dates); authors are given
 * for the feed or for every entry; the feed links to itself; an entry without content has an
 * alternate link; links have an href, categories a term. Any breach throws {@link AssertionError}.
 */
public final class AtomDocument {

    public static final String NS = "http://www.w3.org/2005/Atom";

    /** What a feed reader shows of one entry. */
    public record Entry(
            String id,
            String title,
            String updated,
            String published,
            List<String> authors,
            String summary,
            List<String> categories,
            String alternate) {}

    public final Element feed;
    public final List<Entry> entries = new ArrayList<>();

    private AtomDocument(Element feed) {
        this.feed = feed;
    }

    public static AtomDocument parse(byte[] xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        check(NS.equals(root.getNamespaceURI()) && "feed".equals(root.getLocalName()), "the root is not atom:feed");
        AtomDocument atom = new AtomDocument(root);
        atom.checkFeed();
        return atom;
    }

    public String text(String element) {
        return only(feed, element).getTextContent();
    }

    /** The href of the feed's link with this rel. */
    public String link(String rel) {
        return links(feed).stream()
                .filter(l -> rel.equals(rel(l)))
                .map(l -> l.getAttribute("href"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the feed has no link rel=" + rel));
    }

    private void checkFeed() {
        absoluteIri(only(feed, "id").getTextContent(), "feed id");
        only(feed, "title");
        date(only(feed, "updated").getTextContent(), "feed updated");
        check(links(feed).stream().anyMatch(l -> "self".equals(rel(l))), "the feed has no link rel=self");
        links(feed).forEach(l -> check(!l.getAttribute("href").isBlank(), "a feed link without href"));
        boolean feedAuthor = !children(feed, "author").isEmpty();
        for (Element entry : children(feed, "entry")) {
            entries.add(entry(entry, feedAuthor));
        }
    }

    private static Entry entry(Element entry, boolean feedAuthor) {
        String id = only(entry, "id").getTextContent();
        absoluteIri(id, "entry id");
        String updated = only(entry, "updated").getTextContent();
        date(updated, "entry updated");
        List<Element> published = children(entry, "published");
        check(published.size() <= 1, "an entry has several published dates");
        published.forEach(p -> date(p.getTextContent(), "entry published"));
        List<String> authors = new ArrayList<>();
        for (Element author : children(entry, "author")) {
            authors.add(only(author, "name").getTextContent());
        }
        check(feedAuthor || !authors.isEmpty(), "entry " + id + " has no author, nor has the feed");
        List<Element> summaries = children(entry, "summary");
        check(summaries.size() <= 1, "entry " + id + " has several summaries");
        List<Element> alternates =
                links(entry).stream().filter(l -> "alternate".equals(rel(l))).toList();
        check(
                !children(entry, "content").isEmpty() || !alternates.isEmpty(),
                "entry " + id + " has neither content nor an alternate link");
        links(entry).forEach(l -> absoluteIri(l.getAttribute("href"), "entry link"));
        List<String> categories = new ArrayList<>();
        for (Element category : children(entry, "category")) {
            check(!category.getAttribute("term").isEmpty(), "a category without term");
            categories.add(category.getAttribute("term"));
        }
        return new Entry(
                id,
                only(entry, "title").getTextContent(),
                updated,
                published.isEmpty() ? null : published.get(0).getTextContent(),
                authors,
                summaries.isEmpty() ? null : summaries.get(0).getTextContent(),
                categories,
                alternates.isEmpty() ? null : alternates.get(0).getAttribute("href"));
    }

    private static String rel(Element link) {
        return link.hasAttribute("rel") ? link.getAttribute("rel") : "alternate";
    }

    private static List<Element> links(Element parent) {
        return children(parent, "link");
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        check(found.size() == 1, parent.getLocalName() + " has " + found.size() + " " + name + " elements, not one");
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static void absoluteIri(String value, String what) {
        try {
            check(URI.create(value).isAbsolute(), what + " is not an absolute IRI: " + value);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(what + " is not an IRI: " + value, e);
        }
    }

    private static void date(String value, String what) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new AssertionError(what + " is not an RFC 3339 date: " + value, e);
        }
    }

    private static void check(boolean rule, String breach) {
        if (!rule) {
            throw new AssertionError("not valid Atom: " + breach);
        }
    }
}
