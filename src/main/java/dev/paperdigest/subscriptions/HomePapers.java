package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.InvalidQueryException;
import dev.paperdigest.matching.MatchablePaper;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.QueryHit;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperOrder;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The papers of the front page. By default the newest day with upvoted papers (the latest day of
 * trending papers), else the newest day with any; most upvoted first, so the trending papers come
 * before the others of that day, or the newest first. A search looks through the papers of the day
 * shown with the keyword language of subscriptions, refusing what the subscribe form refuses with
 * the same words.
 */
@ApplicationScoped
public class HomePapers {

    static final int PAGE_SIZE = 50;
    static final int SNIPPET_CHARS = 360;

    private final PaperMatcher matcher;
    private final Clock clock;

    public HomePapers(PaperMatcher matcher, Clock clock) {
        this.matcher = matcher;
        this.clock = clock;
    }

    HomeView view(HomeQuery query) {
        String canonical = null;
        String queryError = null;
        if (query.q() != null) {
            try {
                canonical = matcher.validate(QueryKind.KEYWORD, query.q());
            } catch (InvalidQueryException e) {
                queryError = SubscriptionFormValidator.refusal("Keyword", query.q(), e);
            }
        }
        LocalDate newest = Paper.newestDay().orElse(null);
        if (newest == null) {
            return HomeView.noPapers(query.dayError(), query.order() == PaperOrder.NEWEST, query.q(), queryError);
        }
        LocalDate day =
                query.day() != null ? query.day() : Paper.newestTrendingDay().orElse(newest);
        Links links = new Links(query.order(), canonical);

        List<Paper> papers;
        Map<Long, List<String>> found = Map.of();
        long dayTotal = Paper.countOfDay(day);
        int total;
        int page;
        if (canonical != null) {
            List<Paper> all = Paper.listOfDay(day, query.order());
            found = search(all, canonical);
            List<Paper> matched = new ArrayList<>();
            for (Paper paper : all) {
                if (found.containsKey(paper.id)) {
                    matched.add(paper);
                }
            }
            total = matched.size();
            page = Math.min(query.page(), pages(total));
            papers = matched.subList((page - 1) * PAGE_SIZE, Math.min(total, page * PAGE_SIZE));
        } else {
            total = (int) Math.min(Integer.MAX_VALUE, dayTotal);
            page = Math.min(query.page(), pages(total));
            papers = Paper.listOfDay(day, query.order(), (page - 1) * PAGE_SIZE, PAGE_SIZE);
        }

        LocalDate previous = Paper.dayBefore(day).orElse(null);
        LocalDate next = Paper.dayAfter(day).orElse(null);
        int from = total == 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
        int to = total == 0 ? 0 : from + papers.size() - 1;
        LocalDate oldest = Paper.oldestDay().orElse(day);
        return new HomeView(
                day,
                // the day shown stays within the picker's range, or the browser refuses to send the form
                day.isBefore(oldest) ? day : oldest,
                day.isAfter(newest) ? day : newest,
                previous,
                previous == null ? null : links.day(previous, 1),
                next,
                next == null ? null : links.day(next, 1),
                query.dayError(),
                query.order() == PaperOrder.NEWEST,
                query.q(),
                queryError,
                canonical != null,
                canonical == null ? null : "/subscribe?keywords=" + encode(canonical),
                dayTotal,
                total,
                from,
                to,
                page > 1 ? links.day(day, page - 1) : null,
                page < pages(total) ? links.day(day, page + 1) : null,
                sections(papers, found, query.order()));
    }

    private static int pages(int total) {
        return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The words each paper the query finds was found by, by paper id. */
    private Map<Long, List<String>> search(List<Paper> papers, String query) {
        List<MatchablePaper> matchable =
                papers.stream().map(MatchablePapers::of).toList();
        Map<Long, List<String>> found = new HashMap<>();
        for (QueryHit hit : matcher.index(matchable, clock.instant()).hits(new Query(QueryKind.KEYWORD, query))) {
            found.put(hit.paperId(), hit.matchedTerms());
        }
        return found;
    }

    /** Trending papers (those with upvotes) first, then the others; or one list, newest first. */
    private static List<HomeView.Section> sections(
            List<Paper> papers, Map<Long, List<String>> found, PaperOrder order) {
        List<HomeView.Card> trending = new ArrayList<>();
        List<HomeView.Card> others = new ArrayList<>();
        for (Paper paper : papers) {
            HomeView.Card card = new HomeView.Card(
                    paper,
                    SnippetHighlighter.snippet(
                            paper.abstractText, found.getOrDefault(paper.id, List.of()), SNIPPET_CHARS));
            (order == PaperOrder.TRENDING && paper.upvotes != null ? trending : others).add(card);
        }
        List<HomeView.Section> sections = new ArrayList<>();
        if (order == PaperOrder.NEWEST) {
            sections.add(new HomeView.Section("newest", "Newest first", others));
            return sections;
        }
        if (!trending.isEmpty()) {
            sections.add(new HomeView.Section("trending", "Trending on Hugging Face", trending));
        }
        if (!others.isEmpty()) {
            sections.add(new HomeView.Section("more", "More papers of the day", others));
        }
        return sections;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Links to other days and pages that keep the order and the search. */
    private record Links(PaperOrder order, String query) {
        String day(LocalDate day, int page) {
            StringBuilder url = new StringBuilder("/?day=").append(day);
            if (order == PaperOrder.NEWEST) {
                url.append("&sort=newest");
            }
            if (query != null) {
                url.append("&q=").append(encode(query));
            }
            if (page > 1) {
                url.append("&page=").append(page);
            }
            return url.toString();
        }
    }
}
