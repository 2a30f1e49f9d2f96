package dev.paperdigest.matching;

import dev.paperdigest.common.LinesConverter;
import dev.paperdigest.papers.Paper;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A paper that matched one subscriber, with why: every query of theirs that hit. It waits
 * ({@code deliveryId} null) until a digest takes it, so nothing matched is ever lost or sent twice.
 */
@Entity
public class PaperMatch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "paper_match_seq")
    @SequenceGenerator(name = "paper_match_seq", sequenceName = "paper_match_seq", allocationSize = 50)
    public Long id;
    @Column(name = "subscriber_id")
    public Long subscriberId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Paper paper;
    public double score;
    /** One line per query that hit: {@code KIND<tab>query}. */
    @Convert(converter = LinesConverter.class)
    public List<String> reasons = new ArrayList<>();
    @Convert(converter = LinesConverter.class)
    public List<String> matchedTerms = new ArrayList<>();
    public Instant matchedAt;
    @Column(name = "delivery_id")
    public Long deliveryId;

    /** Matches no digest has taken yet, papers loaded. */
    public static List<PaperMatch> listWaiting(long subscriberId) {
        return find("from PaperMatch m join fetch m.paper where m.subscriberId = ?1 and m.deliveryId is null", subscriberId).list();
    }

    public static List<PaperMatch> listOfDelivery(long deliveryId) {
        return find("from PaperMatch m join fetch m.paper where m.deliveryId = ?1", deliveryId).list();
    }

    public static long countWaiting(long subscriberId) {
        return count("subscriberId = ?1 and deliveryId is null", subscriberId);
    }

    public static int assignWaiting(long subscriberId, long deliveryId) {
        return update("deliveryId = ?1 where subscriberId = ?2 and deliveryId is null", deliveryId, subscriberId);
    }

    public static String reason(QueryKind kind, String query) {
        return kind.name() + "\t" + query;
    }
}
