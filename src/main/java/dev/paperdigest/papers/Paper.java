package dev.paperdigest.papers;

import dev.paperdigest.common.LinesConverter;
import dev.paperdigest.common.WordsConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One paper, one row per arXiv id whatever the source or version. */
@Entity
public class Paper extends PanacheEntityBase {

    /** The source of the demo papers a fresh install shows; they are never matched. */
    public static final String DEMO_SOURCE = "demo";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "paper_seq")
    @SequenceGenerator(name = "paper_seq", sequenceName = "paper_seq", allocationSize = 50)
    public Long id;

    /** Without version; demo papers that have none carry a {@code demo-} id and no arXiv links. */
    public String arxivId;

    public Integer latestVersion;
    public String title;

    @Column(name = "abstract_text")
    public String abstractText;

    @Convert(converter = LinesConverter.class)
    public List<String> authors = new ArrayList<>();

    @Convert(converter = WordsConverter.class)
    public List<String> categories = new ArrayList<>();

    public Instant publishedAt;
    public Instant updatedAt;
    public Integer upvotes;
    public Integer numComments;

    @Convert(converter = WordsConverter.class)
    public List<String> sources = new ArrayList<>();

    /**
     * The day the paper belongs to, with one meaning for every source: its announcement day. That
     * is the day Hugging Face's Daily Papers listed it (the later one if it trended again), else
     * its arXiv announcement day ({@link ArxivAnnouncement}), else the day an import gave, else
     * the day it was stored. Demo papers: the date of the page they were taken from, when it has one.
     */
    public LocalDate listedOn;

    public Instant firstSeenAt;
    public Instant lastSeenAt;
    /** When the paper entered matching; null until a digest run takes it in. */
    public Instant matchedAt;
    /** The match round it entered matching with (rounds are numbered in order); null until then. */
    public Long matchRound;

    public String comment;
    public String journalRef;
    public String doi;
    public String githubRepo;
    public String projectPage;
    public String thumbnailUrl;

    @Convert(converter = LinesConverter.class)
    public List<String> aiKeywords = new ArrayList<>();
    /**
     * arXiv affiliations, aligned with {@link #authors}: one entry per author, several affiliations
     * of one author joined by {@code " | "}, an empty string when none is known. Empty when no
     * source gave any.
     */
    @Convert(converter = AffiliationsConverter.class)
    public List<String> authorAffiliations = new ArrayList<>();
    /** The PDF link as the source gave it (arXiv: versioned); {@link #pdfUrl()} is the stable one. */
    public String pdfLink;

    public static Optional<Paper> findByArxivId(String arxivId) {
        return find("arxivId", arxivId).firstResultOptional();
    }

    public static List<Paper> listByArxivIds(List<String> arxivIds) {
        return list("arxivId in ?1", arxivIds);
    }

    /**
     * Takes every paper not in matching yet (demo papers aside) into the given round. Papers
     * stored by transactions that have not committed yet are not seen, so they go to a later round.
     */
    public static int enterRound(long round, Instant now) {
        return update(
                "matchRound = ?1, matchedAt = ?2 where matchRound is null and sources <> ?3",
                round,
                now,
                List.of(DEMO_SOURCE));
    }

    /**
     * Papers stored because someone liked them, published before {@code before}, are old news:
     * they go to round 0, before the first, so no digest brings them as new (a recent one enters
     * the next round like any new paper).
     */
    public static int setAsideAsOld(List<String> arxivIds, Instant before) {
        return update(
                "matchRound = 0 where matchRound is null and arxivId in ?1 and (publishedAt is null or publishedAt < ?2)",
                arxivIds,
                before);
    }

    /** The newest match round, or 0 before the first. */
    public static long latestRound() {
        Long round = getEntityManager()
                .createQuery("select max(p.matchRound) from Paper p", Long.class)
                .getSingleResult();
        return round == null ? 0 : round;
    }

    /** The newest round that entered matching before {@code instant}, or 0 if none did. */
    public static long latestRoundBefore(Instant instant) {
        Long round = getEntityManager()
                .createQuery("select max(p.matchRound) from Paper p where p.matchedAt < ?1", Long.class)
                .setParameter(1, instant)
                .getSingleResult();
        return round == null ? 0 : round;
    }

    /** The papers of the rounds after {@code after} up to {@code through}. */
    public static List<Paper> listOfRounds(long after, long through) {
        return list("matchRound > ?1 and matchRound <= ?2", after, through);
    }

    /** The papers of the rounds after {@code after}, and those no round has taken yet (demo papers aside). */
    public static List<Paper> listSinceRound(long after) {
        return list("matchRound > ?1 or (matchRound is null and sources <> ?2)", after, List.of(DEMO_SOURCE));
    }

    /**
     * Changes whenever a paper enters matching, or one not matched yet is stored or updated: what
     * a cache of {@link #listSinceRound} is good for.
     */
    public static String unmatchedVersion() {
        Object[] unmatched = getEntityManager()
                .createQuery(
                        "select count(p), max(p.lastSeenAt) from Paper p " + "where p.matchRound is null",
                        Object[].class)
                .getSingleResult();
        return latestRound() + "/" + unmatched[0] + "/" + unmatched[1];
    }

    /** The papers first seen at {@code since} or later, demo papers aside: what digests brought since then. */
    public static List<Paper> listArrivedSince(Instant since) {
        return list("firstSeenAt >= ?1 and sources <> ?2", since, List.of(DEMO_SOURCE));
    }

    /**
     * Changes whenever a paper arrives, is stored again (a new version, more upvotes), is removed,
     * or leaves the window as {@code since} moves on: what a cache of {@link #listArrivedSince} is good for.
     */
    /** Changes whenever a paper is stored, seen again (new upvotes) or deleted: for pages kept as rendered. */
    public static String changesVersion() {
        Object[] all = getEntityManager()
                .createQuery("select count(p), max(p.lastSeenAt), max(p.id) from Paper p", Object[].class)
                .getSingleResult();
        return all[0] + "/" + all[1] + "/" + all[2];
    }

    public static String arrivalsVersion(Instant since) {
        Object[] arrived = getEntityManager()
                .createQuery(
                        "select count(p), max(p.lastSeenAt) from Paper p where p.firstSeenAt >= ?1 and p.sources <> ?2",
                        Object[].class)
                .setParameter(1, since)
                .setParameter(2, List.of(DEMO_SOURCE))
                .getSingleResult();
        return arrived[0] + "/" + arrived[1];
    }

    public static List<Paper> listByIds(Collection<Long> ids) {
        return list("id in ?1", ids);
    }

    /** The newest day with an upvoted paper: the day Hugging Face's latest trending papers belong to. */
    public static Optional<LocalDate> newestTrendingDay() {
        return day("select max(p.listedOn) from Paper p where p.upvotes > 0", null);
    }

    public static Optional<LocalDate> newestDay() {
        return day("select max(p.listedOn) from Paper p", null);
    }

    public static Optional<LocalDate> oldestDay() {
        return day("select min(p.listedOn) from Paper p", null);
    }

    /** The nearest earlier day with papers. */
    public static Optional<LocalDate> dayBefore(LocalDate day) {
        return day("select max(p.listedOn) from Paper p where p.listedOn < ?1", day);
    }

    /** The nearest later day with papers. */
    public static Optional<LocalDate> dayAfter(LocalDate day) {
        return day("select min(p.listedOn) from Paper p where p.listedOn > ?1", day);
    }

    private static Optional<LocalDate> day(String query, LocalDate parameter) {
        var typed = getEntityManager().createQuery(query, LocalDate.class);
        if (parameter != null) {
            typed.setParameter(1, parameter);
        }
        return Optional.ofNullable(typed.getSingleResult());
    }

    public static long countOfDay(LocalDate day) {
        return count("listedOn", day);
    }

    /** One page of a day's papers. */
    public static List<Paper> listOfDay(LocalDate day, PaperOrder order, int offset, int limit) {
        return find("listedOn", order.sort, day)
                .range(offset, offset + limit - 1)
                .list();
    }

    /** Every paper of a day. */
    public static List<Paper> listOfDay(LocalDate day, PaperOrder order) {
        return list("listedOn", order.sort, day);
    }

    /** Newest first; {@code q} looks in id, title and abstract, case-insensitively. */
    public static PanacheQuery<Paper> search(String q, Instant since) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            // an explicit escape character: with the default one, a backslash, a search for \a is an error on H2
            where.append(
                    " and (lower(title) like :q escape '!' or lower(abstractText) like :q escape '!' or arxivId = :id)");
            params.and(
                            "q",
                            "%"
                                    + q.strip()
                                            .toLowerCase(Locale.ROOT)
                                            .replace("!", "!!")
                                            .replace("%", "!%")
                                            .replace("_", "!_")
                                    + "%")
                    .and("id", q.strip());
        }
        if (since != null) {
            where.append(" and firstSeenAt >= :since");
            params.and("since", since);
        }
        return find(
                where.toString(),
                Sort.by("publishedAt", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                        .and("id", Sort.Direction.Descending),
                params);
    }

    /** One of the example papers a fresh install shows: never matched, previewed or mailed. */
    public boolean isDemo() {
        return sources != null && sources.contains(DEMO_SOURCE);
    }

    public boolean isOnArxiv() {
        return arxivId != null && ArxivId.isBaseId(arxivId);
    }

    public String arxivUrl() {
        return isOnArxiv() ? "https://arxiv.org/abs/" + arxivId : null;
    }

    public String pdfUrl() {
        return isOnArxiv() ? "https://arxiv.org/pdf/" + arxivId : null;
    }

    /** Hugging Face has a page for every arXiv paper, listed on Daily Papers or not. */
    public String huggingFaceUrl() {
        return isOnArxiv() ? "https://huggingface.co/papers/" + arxivId : null;
    }
}
