package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.ArxivCategories;
import dev.paperdigest.matching.LikedPaper;
import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.RankedPapers;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.SubscriptionFormValidator.CheckedLine;
import dev.paperdigest.subscriptions.SubscriptionPreview.Field;
import dev.paperdigest.subscriptions.SubscriptionPreview.Line;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Previews a subscription form: each line of its keywords, authors, categories and liked papers checked as the
 * form checks it, and, when valid, matched against the papers of the last days ({@link
 * RecentPapers}) without being kept. At most as many lines as the form takes are looked at, each
 * no longer than a query may be, so a preview costs about what saving the form does.
 */
@ApplicationScoped
public class SubscriptionPreviews {

    /** Papers shown under each line. */
    static final int SHOWN = 3;

    private final SubscriptionFormValidator validator;
    private final RecentPapers recent;
    private final PreviewRateLimiter limiter;
    private final LikedPapers likedPapers;

    public SubscriptionPreviews(
            SubscriptionFormValidator validator,
            RecentPapers recent,
            PreviewRateLimiter limiter,
            LikedPapers likedPapers) {
        this.validator = validator;
        this.recent = recent;
        this.limiter = limiter;
        this.likedPapers = likedPapers;
    }

    /** The preview for one client, or a refusal once its network asked for too many this minute. */
    public SubscriptionPreview preview(SubscriptionForm form, String clientAddress) {
        if (!limiter.allow(clientAddress)) {
            return SubscriptionPreview.refused(
                    "Too many previews from your network in the last minute. Wait a moment, then try again.");
        }
        return preview(form);
    }

    SubscriptionPreview preview(SubscriptionForm form) {
        Map<QueryField, List<String>> typed = new EnumMap<>(QueryField.class);
        typed.put(QueryField.KEYWORDS, SubscriptionFormValidator.lines(form.keywords));
        typed.put(QueryField.AUTHORS, SubscriptionFormValidator.lines(form.authors));
        typed.put(QueryField.CATEGORIES, SubscriptionFormValidator.categoryCodes(form.categories));
        typed.put(QueryField.PAPERS, SubscriptionFormValidator.lines(form.papers));

        Map<QueryField, String> refused = new EnumMap<>(QueryField.class);
        List<Checked> lines = new ArrayList<>();
        Map<String, LikedPaper> liked = liked(typed.get(QueryField.PAPERS));
        typed.forEach((field, texts) -> {
            String tooMany = SubscriptionFormValidator.tooMany(field, texts);
            if (tooMany != null) {
                refused.put(field, tooMany);
            } else {
                texts.forEach(text -> lines.add(check(field, text, liked)));
            }
        });

        MatchSession session = recent.session();
        List<RankedPapers> found = lines.stream()
                .map(line -> line.query() == null ? RankedPapers.NONE : session.peek(List.of(line.query()), SHOWN))
                .toList();
        List<Query> valid =
                lines.stream().map(Checked::query).filter(Objects::nonNull).toList();
        int matched = valid.isEmpty() ? 0 : session.peek(valid, 0).total();
        Map<Long, Paper> papers = papers(found);

        List<Field> fields = new ArrayList<>();
        for (QueryField field : typed.keySet()) {
            List<Line> shown = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Checked line = lines.get(i);
                if (line.field() == field) {
                    shown.add(new Line(
                            line.text(),
                            line.detail(),
                            line.error(),
                            found.get(i).total(),
                            found.get(i).top().stream()
                                    .map(ranked -> papers.get(ranked.paperId()))
                                    .filter(Objects::nonNull)
                                    .toList()));
                }
            }
            if (refused.containsKey(field) || !shown.isEmpty()) {
                fields.add(new Field(field.formName(), field.heading(), refused.get(field), shown));
            }
        }
        return new SubscriptionPreview(RecentPapers.DAYS, session.size(), matched, fields, null);
    }

    /** A line as the form checks it; {@code query} null when the form would refuse it. */
    private record Checked(QueryField field, String text, String detail, String error, Query query) {}

    private Checked check(QueryField field, String text, Map<String, LikedPaper> liked) {
        CheckedLine checked = validator.check(field, text);
        if (checked.error() != null) {
            return new Checked(field, text, null, checked.error(), null);
        }
        if (field == QueryField.PAPERS) {
            // a preview never asks arXiv: that waits for the form to be saved
            LikedPaper paper = liked.get(checked.canonical());
            if (paper != null) {
                return new Checked(field, text, paper.title(), null, Query.similarTo(checked.canonical(), paper));
            }
            return likedPapers.canLookUp()
                    ? new Checked(field, text, "not in Paper Digest yet: looked up on arXiv when you save", null, null)
                    : new Checked(
                            field,
                            text,
                            null,
                            "Not in Paper Digest, and looking papers up on arXiv is turned off here.",
                            null);
        }
        String detail = field == QueryField.CATEGORIES ? ArxivCategories.nameOf(checked.canonical()) : null;
        return new Checked(field, text, detail, null, new Query(field.kind(), checked.canonical()));
    }

    /** The stored papers among the liked ones typed, by base id; at most as many as the form takes are read. */
    private static Map<String, LikedPaper> liked(List<String> typed) {
        if (SubscriptionFormValidator.tooMany(QueryField.PAPERS, typed) != null) {
            return Map.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        typed.forEach(line -> SubscriptionFormValidator.arxivId(line).ifPresent(ids::add));
        return ids.isEmpty() ? Map.of() : QuarkusTransaction.requiringNew().call(() -> LikedPapers.byArxivId(ids));
    }

    private static Map<Long, Paper> papers(List<RankedPapers> found) {
        Set<Long> ids = new LinkedHashSet<>();
        found.forEach(r -> r.top().forEach(p -> ids.add(p.paperId())));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> Paper.listByIds(ids).stream().collect(Collectors.toMap(p -> p.id, Function.identity())));
    }
}
