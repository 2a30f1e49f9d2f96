package dev.paperdigest.subscriptions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A person who gets digests. There are no accounts: signed links in emails stand in for a login. */
@Entity
public class Subscriber extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subscriber_seq")
    @SequenceGenerator(name = "subscriber_seq", sequenceName = "subscriber_seq", allocationSize = 50)
    public Long id;
    /** Random; links name it instead of the row id so ids reveal nothing. */
    public String publicId;
    public String email;
    @Enumerated(EnumType.STRING)
    public SubscriberStatus status;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    public int sendHour;
    public String timeZone;
    public Instant createdAt;
    public Instant confirmedAt;
    public Instant unsubscribedAt;
    /** Raising it revokes every link sent so far. */
    public int tokenGeneration;
    public LocalDate confirmationsDay;
    public int confirmationsSent;

    @OneToMany(mappedBy = "subscriber", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<Subscription> subscriptions = new ArrayList<>();

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static Optional<Subscriber> findByEmail(String email) {
        return find("email", normaliseEmail(email)).firstResultOptional();
    }

    public static Optional<Subscriber> findByPublicId(String publicId) {
        return find("publicId", publicId).firstResultOptional();
    }


    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public List<String> queries(dev.paperdigest.matching.QueryKind kind) {
        return subscriptions.stream().filter(s -> s.kind == kind).map(s -> s.query).toList();
    }

    /** Replaces all subscriptions with the given ones. */
    public void replaceSubscriptions(List<Subscription> replacements, Instant now) {
        subscriptions.clear();
        for (Subscription s : replacements) {
            s.subscriber = this;
            s.createdAt = now;
            subscriptions.add(s);
        }
    }
}
