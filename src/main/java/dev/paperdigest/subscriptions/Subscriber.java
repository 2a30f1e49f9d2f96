package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.QueryKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import org.hibernate.Session;
import org.hibernate.annotations.DynamicUpdate;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A person who gets digests. There are no accounts: signed links in emails stand in for a login.
 * Updates write only the columns that changed, so a digest run advancing {@link #matchedThrough}
 * and a person saving their form at the same moment do not undo each other.
 */
@Entity
@DynamicUpdate
public class Subscriber extends PanacheEntityBase {

    static final int BOUNCE_TEXT = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subscriber_seq")
    @SequenceGenerator(name = "subscriber_seq", sequenceName = "subscriber_seq", allocationSize = 500)
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
    /** The last match round their digests took into account; papers of later rounds are still to come. */
    public long matchedThrough;
    /** When the scheduled digest tick should look at them next (null while they are not active). */
    public Instant nextDigestAt;
    /**
     * Hard bounces of their address since they were last (re)activated; they never go down on their
     * own, since a relay that accepts a digest may still bounce it later.
     */
    public int hardBounces;

    public Instant lastBounceAt;
    /** What the last hard bounce said (the SMTP reply, or a provider's reason), cut to {@value #BOUNCE_TEXT} characters. */
    public String lastBounce;

    @OneToMany(mappedBy = "subscriber", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<Subscription> subscriptions = new ArrayList<>();

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static Optional<Subscriber> findByEmail(String email) {
        return find("email", normaliseEmail(email)).firstResultOptional();
    }

    /** The subscriber with this address, locked for this transaction. */
    public static Optional<Subscriber> lockByEmail(String email) {
        return find("email", normaliseEmail(email))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<Subscriber> findByPublicId(String publicId) {
        return find("publicId", publicId).firstResultOptional();
    }

    /** What a digest run reads of a subscriber. */
    public record Schedule(
            long id,
            String publicId,
            Frequency frequency,
            int sendHour,
            String timeZone,
            long matchedThrough,
            Instant nextDigestAt) {
        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }
    }

    private static final String SCHEDULE = "select new " + Schedule.class.getName()
            + "(s.id, s.publicId, s.frequency, s.sendHour, s.timeZone, s.matchedThrough, s.nextDigestAt) from Subscriber s ";

    /**
     * By id, for subscribers of one status. Naming the status first lets H2 take the rows in the
     * order of the index on (status, id) and stop after a page, instead of sorting every row in
     * the range; PostgreSQL reads it the same either way.
     */
    private static final String IN_ID_ORDER = "order by s.status, s.id";

    /** Active subscribers with ids after {@code afterId} up to {@code lastId}, in id order. */
    public static List<Schedule> listActive(long afterId, long lastId, int limit) {
        return getEntityManager()
                .createQuery(
                        SCHEDULE + "where s.status = ?1 and s.id > ?2 and s.id <= ?3 " + IN_ID_ORDER, Schedule.class)
                .setParameter(1, SubscriberStatus.ACTIVE)
                .setParameter(2, afterId)
                .setParameter(3, lastId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Of the active subscribers with ids after {@code afterId} up to {@code lastId}, those the scheduled tick should look at by {@code now}. */
    public static List<Schedule> listDue(Instant now, long afterId, long lastId, int limit) {
        return getEntityManager()
                .createQuery(
                        SCHEDULE
                                + "where s.status = ?1 and s.nextDigestAt <= ?2 and s.id > ?3 and s.id <= ?4 "
                                + IN_ID_ORDER,
                        Schedule.class)
                .setParameter(1, SubscriberStatus.ACTIVE)
                .setParameter(2, now)
                .setParameter(3, afterId)
                .setParameter(4, lastId)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Every {@code step}-th id of the active subscribers, in order: where to cut them into shards of
     * about {@code step} that processes can queue side by side.
     */
    @SuppressWarnings("unchecked")
    public static List<Long> shardBoundaries(int step) {
        List<Number> ids = getEntityManager()
                .createNativeQuery("SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n "
                        + "FROM subscriber WHERE status = 'ACTIVE') numbered WHERE MOD(n, ?1) = 0 ORDER BY id")
                .setParameter(1, step)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    public static boolean anyDue(Instant now) {
        return !getEntityManager()
                .createQuery("select s.id from Subscriber s where s.status = ?1 and s.nextDigestAt <= ?2", Long.class)
                .setParameter(1, SubscriberStatus.ACTIVE)
                .setParameter(2, now)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** How far one subscriber's digests have got: the match round taken into account, and when to look again. */
    public record DigestProgress(long subscriberId, long matchedThrough, Instant nextDigestAt) {}

    /** Records the progress of many subscribers in one batch of statements (a digest run does this a page at a time). */
    public static void recordDigestProgress(Collection<DigestProgress> progress) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subscriber SET matched_through = ?, next_digest_at = ? WHERE id = ?")) {
                for (DigestProgress p : progress) {
                    update.setLong(1, p.matchedThrough());
                    update.setObject(2, p.nextDigestAt().atOffset(ZoneOffset.UTC));
                    update.setLong(3, p.subscriberId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * From now on they are owed digests: papers of the match rounds after {@code seenThrough} count
     * as new to them, and the next tick works out when their first digest is due.
     */
    public void startDigests(long seenThrough, Instant now) {
        matchedThrough = seenThrough;
        nextDigestAt = now;
    }

    /**
     * One more hard bounce of their address. An active subscriber with {@code maxHardBounces} of
     * them is BOUNCED; the other statuses stay as they are (a pending or unsubscribed person gets
     * no digest anyway). Answers whether this one made them BOUNCED.
     */
    public boolean hardBounced(String reason, Instant at, int maxHardBounces) {
        hardBounces++;
        lastBounceAt = at;
        lastBounce = reason.length() > BOUNCE_TEXT ? reason.substring(0, BOUNCE_TEXT) : reason;
        if (status == SubscriberStatus.ACTIVE && hardBounces >= maxHardBounces) {
            status = SubscriberStatus.BOUNCED;
            return true;
        }
        return false;
    }

    /**
     * A bounced subscriber gets digests again, their count of hard bounces back at 0 (the last one
     * stays on record). Papers that came while they were bounced count as new to them, as far back
     * as a digest reaches; the next tick works out when their digest is due.
     */
    public void reactivate(Instant now) {
        status = SubscriberStatus.ACTIVE;
        hardBounces = 0;
        nextDigestAt = now;
    }

    public List<String> queries(QueryKind kind) {
        return subscriptions.stream()
                .filter(s -> s.kind == kind)
                .map(s -> s.query)
                .toList();
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

    /** Every link issued so far stops working (they are signed over the generation). */
    public void revokeLinks() {
        tokenGeneration++;
    }
}
