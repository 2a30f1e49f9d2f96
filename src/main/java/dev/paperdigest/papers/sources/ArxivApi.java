package dev.paperdigest.papers.sources;

import dev.paperdigest.papers.ArxivAtomParser;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arXiv export API ({@code {digest.sources.arxiv.base-url}/api/query}) behind one gate: every
 * request of this process to arXiv, listing pages and category look-ups alike, goes one at a time
 * with {@code digest.sources.arxiv.delay} between them.
 */
@ApplicationScoped
public class ArxivApi {

    private final SourcesConfig config;
    private final UpstreamHttp http;
    private final ArxivAtomParser parser;
    private final Politeness gate;

    public ArxivApi(SourcesConfig config, UpstreamHttp http, ArxivAtomParser parser) {
        this.config = config;
        this.http = http;
        this.parser = parser;
        this.gate = new Politeness("arXiv", config.arxiv().delay());
    }

    public Politeness gate() {
        return gate;
    }

    public boolean enabled() {
        return config.arxiv().enabled();
    }

    /** A listing page, newest submissions first. */
    public URI listing(String searchQuery, int start, int maxResults) {
        return uri("search_query=" + encode(searchQuery) + "&sortBy=submittedDate&sortOrder=descending&start=" + start
                + "&max_results=" + maxResults);
    }

    /** Looks up these papers (at most {@code max_results} ids). */
    public URI byIds(List<String> ids) {
        return uri("id_list=" + encode(String.join(",", ids)) + "&start=0&max_results=" + ids.size());
    }

    private URI uri(String query) {
        String base = config.arxiv().baseUrl().replaceAll("/+$", "");
        return URI.create(base + "/api/query?" + query);
    }

    /** Fetches one document and parses it into the sink; {@code feed} is filled even when it breaks. */
    public void fetch(URI uri, PaperFeedParser.Sink sink, ArxivAtomParser.Feed feed, Runnable onRequest)
            throws UpstreamException, InterruptedException, IOException {
        try (UpstreamHttp.Body body = http.get(uri, gate, onRequest)) {
            parser.parseFeed(body.stream(), sink, feed);
        }
    }

    /**
     * The categories (primary first) of these papers, by base id, in batches of
     * {@code digest.sources.arxiv.id-batch-size}. Papers arXiv does not know are absent.
     */
    public Map<String, List<String>> categories(List<String> ids, Runnable onRequest)
            throws UpstreamException, InterruptedException {
        Map<String, List<String>> categories = new HashMap<>();
        int batchSize = Math.max(1, config.arxiv().idBatchSize());
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
            PaperFeedParser.Sink sink = new PaperFeedParser.Sink() {
                @Override
                public void accept(int index, PaperRecord record) {
                    if (!record.categories().isEmpty()) {
                        categories.put(record.arxivId(), record.categories());
                    }
                }

                @Override
                public void reject(int index, String reason) {
                    // an entry we cannot read gives no categories; the paper keeps none
                }
            };
            try {
                fetch(byIds(batch), sink, new ArxivAtomParser.Feed(), onRequest);
            } catch (IOException e) {
                throw new UpstreamException(
                        "arXiv look-up of " + batch.size() + " ids unreadable: " + e.getMessage(), e);
            }
        }
        return categories;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
