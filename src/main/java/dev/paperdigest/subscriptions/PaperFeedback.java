package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.Preferences;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One subscriber's vote on one paper: "more like this" or "fewer like this"; a new vote replaces the last. */
@Entity
@IdClass(PaperFeedback.Key.class)
public class PaperFeedback extends PanacheEntityBase {

    /** The votes that steer a ranking: a person's latest ones. */
    static final int VOTES_COUNTED = 50;

    @Id
    public long subscriberId;

    @Id
    public long paperId;

    @Enumerated(EnumType.STRING)
    public FeedbackVote vote;

    public Instant votedAt;

    public static class Key implements Serializable {
        public long subscriberId;
        public long paperId;

        public Key() {}

        Key(long subscriberId, long paperId) {
            this.subscriberId = subscriberId;
            this.paperId = paperId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.subscriberId == subscriberId && k.paperId == paperId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(subscriberId, paperId);
        }
    }

    /** Records a vote; voting again on the same paper replaces the earlier vote. */
    static void record(long subscriberId, long paperId, FeedbackVote vote, Instant now) {
        PaperFeedback feedback = findById(new Key(subscriberId, paperId));
        if (feedback == null) {
            feedback = new PaperFeedback();
            feedback.subscriberId = subscriberId;
            feedback.paperId = paperId;
            feedback.vote = vote;
            feedback.votedAt = now;
            feedback.persist();
        } else {
            feedback.vote = vote;
            feedback.votedAt = now;
        }
    }

    static long forget(long subscriberId) {
        return delete("subscriberId", subscriberId);
    }

    /** A paper voted on, as the manage page lists it and an export shows it. */
    public record Voted(String arxivId, String title, FeedbackVote vote, Instant votedAt) {}

    /** A subscriber's votes, latest first. */
    public static List<Voted> of(long subscriberId) {
        return getEntityManager()
                .createQuery(
                        "select new " + Voted.class.getName() + "(p.arxivId, p.title, f.vote, f.votedAt) "
                                + "from PaperFeedback f, Paper p where p.id = f.paperId and f.subscriberId = ?1 "
                                + "order by f.votedAt desc, p.id",
                        Voted.class)
                .setParameter(1, subscriberId)
                .getResultList();
    }

    /**
     * What the votes of the subscribers with ids from {@code first} to {@code last} taught their
     * ranking, by subscriber id; those who never voted are absent. One query for a page of many.
     */
    @SuppressWarnings("unchecked")
    public static Map<Long, Preferences> preferencesOfRange(long first, long last) {
        List<Object[]> rows = getEntityManager()
                .createQuery(
                        "select f.subscriberId, f.vote, p.title, p.abstractText, p.authors "
                                + "from PaperFeedback f, Paper p where p.id = f.paperId "
                                + "and f.subscriberId between ?1 and ?2 order by f.subscriberId, f.votedAt desc",
                        Object[].class)
                .setParameter(1, first)
                .setParameter(2, last)
                .getResultList();
        Map<Long, Preferences.Builder> builders = new HashMap<>();
        Map<Long, Integer> counted = new HashMap<>();
        for (Object[] row : rows) {
            long subscriberId = (Long) row[0];
            if (counted.merge(subscriberId, 1, Integer::sum) > VOTES_COUNTED) {
                continue;
            }
            Preferences.Builder builder = builders.computeIfAbsent(subscriberId, id -> Preferences.builder());
            List<String> authors = (List<String>) row[4];
            if (row[1] == FeedbackVote.MORE) {
                builder.more((String) row[2], (String) row[3], authors);
            } else {
                builder.fewer((String) row[2], (String) row[3], authors);
            }
        }
        Map<Long, Preferences> preferences = new HashMap<>();
        builders.forEach((id, builder) -> preferences.put(id, builder.build()));
        return preferences;
    }
}
