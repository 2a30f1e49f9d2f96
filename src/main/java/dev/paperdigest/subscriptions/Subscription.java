package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.LikedPaper;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.QueryKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One keyword query, author name or arXiv category that a subscriber follows, or a paper they
 * like ({@link QueryKind#SIMILAR}, its base arXiv id as {@code query}).
 */
@Entity
public class Subscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subscription_seq")
    @SequenceGenerator(name = "subscription_seq", sequenceName = "subscription_seq", allocationSize = 500)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Subscriber subscriber;

    @Enumerated(EnumType.STRING)
    public QueryKind kind;

    public String query;
    public Instant createdAt;

    /** What each of the given subscribers follows, in the order they added it. */
    public static Map<Long, List<Query>> queriesOf(Collection<Long> subscriberIds) {
        return queries(getEntityManager()
                .createQuery(
                        "select s.subscriber.id, s.kind, s.query from Subscription s "
                                + "where s.subscriber.id in ?1 order by s.id",
                        Object[].class)
                .setParameter(1, subscriberIds)
                .getResultList());
    }

    /** What the subscribers with ids from {@code first} to {@code last} follow: one range of the index, for pages of many. */
    public static Map<Long, List<Query>> queriesOfRange(long first, long last) {
        return queries(getEntityManager()
                .createQuery(
                        "select s.subscriber.id, s.kind, s.query from Subscription s "
                                + "where s.subscriber.id between ?1 and ?2 order by s.id",
                        Object[].class)
                .setParameter(1, first)
                .setParameter(2, last)
                .getResultList());
    }

    /** The rows as queries; a liked paper's comes with its title and abstract (read once for all rows). */
    private static Map<Long, List<Query>> queries(List<Object[]> rows) {
        Set<String> likedIds = new HashSet<>();
        for (Object[] row : rows) {
            if (row[1] == QueryKind.SIMILAR) {
                likedIds.add((String) row[2]);
            }
        }
        Map<String, LikedPaper> liked = LikedPapers.byArxivId(likedIds);
        Map<Long, List<Query>> queries = new HashMap<>();
        for (Object[] row : rows) {
            QueryKind kind = (QueryKind) row[1];
            String text = (String) row[2];
            queries.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(kind == QueryKind.SIMILAR ? Query.similarTo(text, liked.get(text)) : new Query(kind, text));
        }
        return queries;
    }

    public static Subscription of(QueryKind kind, String query) {
        Subscription s = new Subscription();
        s.kind = kind;
        s.query = query;
        return s;
    }
}
