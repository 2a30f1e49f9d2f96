package dev.paperdigest.matching;

import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches papers against subscriptions and records the hits as {@link PaperMatch}es. New papers
 * are matched once, against everyone, and marked matched in the same transaction as their
 * matches are stored: a paper is never matched twice, and never half-matched.
 */
@ApplicationScoped
public class NewPaperMatching {

    private static final Logger LOG = Logger.getLogger(NewPaperMatching.class);
    static final int PAPERS_PER_BATCH = 2_000;

    private final PaperMatcher matcher;
    private final EntityManager em;
    private final Clock clock;

    public NewPaperMatching(PaperMatcher matcher, EntityManager em, Clock clock) {
        this.matcher = matcher;
        this.em = em;
        this.clock = clock;
    }

    /** Matches every paper not matched yet; returns the number of matches stored. */
    public int matchNewPapers() {
        List<StoredQuery> queries = QuarkusTransaction.requiringNew().call(this::activeQueries);
        int stored = 0;
        while (true) {
            int matched = QuarkusTransaction.requiringNew().call(() -> {
                List<Paper> papers = Paper.listUnmatched(PAPERS_PER_BATCH);
                if (papers.isEmpty()) {
                    return -1;
                }
                int count = store(papers, queries, Set.of());
                Instant now = clock.instant();
                papers.forEach(p -> p.matchedAt = now);
                return count;
            });
            if (matched < 0) {
                return stored;
            }
            stored += matched;
        }
    }

    /**
     * Gives someone who just subscribed the recent papers everyone else was matched against
     * already, so their first digest is not empty for want of timing.
     */
    public int matchRecentFor(long subscriberId, Instant since) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<StoredQuery> queries = queriesOf(subscriberId);
            List<Paper> papers = Paper.list("matchedAt is not null and firstSeenAt >= ?1", since);
            if (queries.isEmpty() || papers.isEmpty()) {
                return 0;
            }
            Set<Long> alreadyMatched = new java.util.HashSet<>(em.createQuery(
                            "select m.paper.id from PaperMatch m where m.subscriberId = ?1", Long.class)
                    .setParameter(1, subscriberId).getResultList());
            return store(papers, queries, alreadyMatched);
        });
    }

    /**
     * What matching would add for one subscriber now, without storing it: the papers no run has
     * matched yet, for previews.
     */
    public List<PaperMatch> previewUnmatchedFor(long subscriberId) {
        return QuarkusTransaction.requiringNew().call(() ->
                new ArrayList<>(matchesOf(Paper.listUnmatched(PAPERS_PER_BATCH), queriesOf(subscriberId), Set.of())));
    }

    private int store(List<Paper> papers, List<StoredQuery> queries, Set<Long> skipPapers) {
        Collection<PaperMatch> matches = matchesOf(papers, queries, skipPapers);
        PaperMatch.persist(matches);
        if (!matches.isEmpty()) {
            LOG.debugf("stored %d matches for %d papers", matches.size(), papers.size());
        }
        return matches.size();
    }

    private Collection<PaperMatch> matchesOf(List<Paper> papers, List<StoredQuery> queries, Set<Long> skipPapers) {
        Map<Long, Paper> byId = new HashMap<>();
        List<MatchablePaper> matchable = new ArrayList<>(papers.size());
        for (Paper paper : papers) {
            if (!skipPapers.contains(paper.id)) {
                byId.put(paper.id, paper);
                matchable.add(new MatchablePaper(paper.id, paper.title, paper.abstractText, paper.authors, paper.categories));
            }
        }
        Map<Long, StoredQuery> queryById = new HashMap<>();
        queries.forEach(q -> queryById.put(q.subscriptionId(), q));
        Map<List<Long>, PaperMatch> matches = new HashMap<>();
        Instant now = clock.instant();
        matcher.match(matchable, queries, hit -> {
            synchronized (matches) {
                PaperMatch match = matches.computeIfAbsent(List.of(hit.subscriberId(), hit.paperId()), key -> {
                    PaperMatch m = new PaperMatch();
                    m.subscriberId = hit.subscriberId();
                    m.paper = byId.get(hit.paperId());
                    m.matchedAt = now;
                    return m;
                });
                StoredQuery query = queryById.get(hit.subscriptionId());
                match.score += hit.score();
                match.reasons.add(PaperMatch.reason(query.kind(), query.text()));
                Set<String> terms = new LinkedHashSet<>(match.matchedTerms);
                terms.addAll(hit.matchedTerms());
                match.matchedTerms = new ArrayList<>(terms);
            }
        });
        return matches.values();
    }

    private List<StoredQuery> activeQueries() {
        return toQueries(em.createQuery("select s.id, s.subscriber.id, s.kind, s.query from Subscription s "
                        + "where s.subscriber.status = ?1", Object[].class)
                .setParameter(1, SubscriberStatus.ACTIVE).getResultList());
    }

    private List<StoredQuery> queriesOf(long subscriberId) {
        return toQueries(em.createQuery("select s.id, s.subscriber.id, s.kind, s.query from Subscription s "
                        + "where s.subscriber.id = ?1", Object[].class)
                .setParameter(1, subscriberId).getResultList());
    }

    private static List<StoredQuery> toQueries(Collection<Object[]> rows) {
        List<StoredQuery> queries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            queries.add(new StoredQuery((Long) row[0], (Long) row[1], (QueryKind) row[2], (String) row[3]));
        }
        return queries;
    }
}
