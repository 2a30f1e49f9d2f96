package dev.paperdigest.digests;

import dev.paperdigest.papers.Paper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import java.time.Instant;

/**
 * Papers enter matching in numbered rounds, one per digest run that finds new papers: the round
 * is how a subscriber's digests know which papers they have taken into account (everything up to
 * {@code Subscriber.matchedThrough}) and which are new. Rounds are closed by the holder of the
 * digest-run lease only, so their numbers follow the order in which they were closed.
 */
@ApplicationScoped
public class MatchRounds {

    private final EntityManager em;

    public MatchRounds(EntityManager em) {
        this.em = em;
    }

    /** Takes every paper stored since the last round into a new round; returns the newest round. */
    public long close(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long round = nextRound();
            return Paper.enterRound(round, now) > 0 ? round : Paper.latestRound();
        });
    }

    private long nextRound() {
        String nextValue = em.unwrap(Session.class)
                .getFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getJdbcServices()
                .getDialect()
                .getSequenceSupport()
                .getSequenceNextValString("match_round_seq");
        return ((Number) em.createNativeQuery(nextValue).getSingleResult()).longValue();
    }
}
