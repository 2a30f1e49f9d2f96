package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter.Fragment;

import java.util.List;

/** Everything a digest email (or its preview) shows, already ranked and cut to size. */
public record Digest(
        String email,
        DigestPeriod period,
        List<Item> papers,
        int moreCount,
        String manageUrl,
        String unsubscribeUrl,
        String feedUrl) {

    public int totalCount() {
        return papers.size() + moreCount;
    }

    public String subject() {
        int n = totalCount();
        return (n == 1 ? "1 new paper" : n + " new papers") + " for you · Paper Digest, " + period.label();
    }

    /**
     * One paper as shown; {@code meta} is {@link dev.paperdigest.papers.PaperDisplay#metaLine}. Untrusted text stays text: templates escape it.
     * {@code moreUrl} and {@code fewerUrl} are this subscriber's "More like this" and "Fewer like this" links.
     */
    public record Item(
            String title,
            String url,
            String pdfUrl,
            String huggingFaceUrl,
            String meta,
            Integer upvotes,
            List<Fragment> snippet,
            List<String> reasons,
            String moreUrl,
            String fewerUrl) {

        /** The snippet for the plain-text part: matched terms between asterisks. */
        public String plainSnippet() {
            StringBuilder text = new StringBuilder();
            for (Fragment f : snippet) {
                text.append(f.marked() ? "*" + f.text() + "*" : f.text());
            }
            return text.toString();
        }
    }
}
