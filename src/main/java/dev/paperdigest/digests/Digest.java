package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter.Fragment;

import java.util.List;

/** Everything a digest email (or its preview) shows, already ranked and cut to size. */
public record Digest(String email, DigestPeriod period, List<Item> papers, int moreCount,
                     String manageUrl, String unsubscribeUrl) {

    public int totalCount() {
        return papers.size() + moreCount;
    }

    public String subject() {
        int n = totalCount();
        return (n == 1 ? "1 new paper" : n + " new papers") + " for you · Paper Digest, " + period.label();
    }

    /** One paper as shown: untrusted text stays text; templates escape it. */
    public record Item(String title, String url, String pdfUrl, String huggingFaceUrl, String authors,
                       String date, List<String> categories, Integer upvotes, List<Fragment> snippet,
                       List<String> reasons) {

        /** Authors, date and categories, separated by middle dots, leaving out what is unknown. */
        public String meta() {
            List<String> parts = new java.util.ArrayList<>();
            if (authors != null && !authors.isEmpty()) {
                parts.add(authors);
            }
            if (date != null) {
                parts.add(date);
            }
            if (!categories.isEmpty()) {
                parts.add(String.join(", ", categories));
            }
            return String.join(" · ", parts);
        }

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
