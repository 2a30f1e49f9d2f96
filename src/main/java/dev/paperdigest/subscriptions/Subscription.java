package dev.paperdigest.subscriptions;

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

/** One keyword query, author name or arXiv category that a subscriber follows. */
@Entity
public class Subscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subscription_seq")
    @SequenceGenerator(name = "subscription_seq", sequenceName = "subscription_seq", allocationSize = 50)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Subscriber subscriber;
    @Enumerated(EnumType.STRING)
    public QueryKind kind;
    public String query;
    public Instant createdAt;

    public static Subscription of(QueryKind kind, String query) {
        Subscription s = new Subscription();
        s.kind = kind;
        s.query = query;
        return s;
    }
}
