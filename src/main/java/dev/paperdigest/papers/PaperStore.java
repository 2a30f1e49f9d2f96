package dev.paperdigest.papers;

import dev.paperdigest.common.ImportReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Upserts papers by arXiv id. A paper seen again (a new version, a second source, more upvotes)
 * is updated in place and keeps its first-seen time and match state, so it is never "new" twice.
 *
 * <p>Every paper belongs to one day, {@link Paper#listedOn}: the day its source gave
 * ({@link PaperRecord#listedOn}), or the day it was stored when the source gave none.
 */
@ApplicationScoped
public class PaperStore {

    private final Clock clock;
    private final Event<PapersChanged> changed;

    public PaperStore(Clock clock, Event<PapersChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** Deletes the paper; false if there is none with that arXiv id. */
    @Transactional
    public boolean delete(String arxivId) {
        Optional<Paper> paper = Paper.findByArxivId(arxivId);
        paper.ifPresent(p -> {
            p.delete();
            changed.fire(new PapersChanged());
        });
        return paper.isPresent();
    }

    /** A record with its position in the document it came from, for rejections. */
    public record Indexed(int index, PaperRecord record) {}

    @Transactional
    public ImportReport upsert(List<PaperRecord> records) {
        List<Indexed> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            batch.add(new Indexed(i, records.get(i)));
        }
        return upsertIndexed(batch);
    }

    /** Stores one batch in one transaction: either all of its valid records are written or none. */
    @Transactional
    public ImportReport upsertIndexed(List<Indexed> batch) {
        ImportReport report = new ImportReport();
        report.received = batch.size();
        Map<String, PaperRecord> byId = new LinkedHashMap<>();
        for (Indexed indexed : batch) {
            PaperRecord record = indexed.record();
            String problem = record.problem();
            if (problem != null) {
                report.reject(indexed.index(), problem);
            } else if (byId.putIfAbsent(record.arxivId(), record) != null) {
                // the same paper twice in one document: the first one counts, the rest change nothing
                report.skipped++;
            }
        }
        if (byId.isEmpty()) {
            return report;
        }
        Map<String, Paper> existing = Paper.listByArxivIds(new ArrayList<>(byId.keySet())).stream()
                .collect(Collectors.toMap(p -> p.arxivId, Function.identity()));
        Instant now = clock.instant();
        List<Paper> created = new ArrayList<>();
        for (PaperRecord record : byId.values()) {
            Paper paper = existing.get(record.arxivId());
            if (paper == null) {
                created.add(newPaper(record, now));
            } else if (merge(paper, record)) {
                paper.lastSeenAt = now;
                report.updated++;
            } else {
                report.skipped++;
            }
        }
        Paper.persist(created);
        report.created = created.size();
        if (report.created + report.updated > 0) {
            changed.fire(new PapersChanged());
        }
        return report;
    }

    private Paper newPaper(PaperRecord record, Instant now) {
        Paper paper = new Paper();
        paper.arxivId = record.arxivId();
        paper.latestVersion = record.version();
        paper.title = record.title();
        paper.abstractText = record.abstractText();
        paper.authors = new ArrayList<>(record.authors());
        paper.categories = new ArrayList<>(record.categories());
        paper.publishedAt = record.publishedAt();
        paper.updatedAt = record.updatedAt();
        paper.upvotes = record.upvotes();
        paper.numComments = record.numComments();
        paper.sources = new ArrayList<>(List.of(record.source()));
        paper.listedOn = record.listedOn() != null ? record.listedOn() : LocalDate.ofInstant(now, ZoneOffset.UTC);
        paper.firstSeenAt = now;
        paper.lastSeenAt = now;
        paper.comment = record.comment();
        paper.journalRef = record.journalRef();
        paper.doi = record.doi();
        paper.githubRepo = record.githubRepo();
        paper.projectPage = record.projectPage();
        paper.thumbnailUrl = record.thumbnailUrl();
        paper.aiKeywords = new ArrayList<>(record.aiKeywords());
        paper.authorAffiliations = new ArrayList<>(record.affiliations());
        paper.pdfLink = record.pdfLink();
        return paper;
    }

    /** @return whether anything changed */
    private boolean merge(Paper paper, PaperRecord record) {
        Merge merge = new Merge();
        boolean newerText =
                record.version() != null && (paper.latestVersion == null || record.version() > paper.latestVersion);
        if (newerText) {
            paper.latestVersion = merge.set(paper.latestVersion, record.version());
            paper.title = merge.set(paper.title, record.title());
            paper.abstractText = merge.set(paper.abstractText, record.abstractText());
            paper.updatedAt = merge.replaceUnlessNull(paper.updatedAt, record.updatedAt());
        }
        if (paper.authors.isEmpty() || newerText && !record.authors().isEmpty()) {
            paper.authors = merge.setList(paper.authors, record.authors());
            paper.authorAffiliations = merge.setList(paper.authorAffiliations, record.affiliations());
        } else if (paper.authorAffiliations.isEmpty()
                && !record.affiliations().isEmpty()
                && paper.authors.equals(record.authors())) {
            paper.authorAffiliations = merge.setList(paper.authorAffiliations, record.affiliations());
        }
        if (!record.categories().isEmpty()) {
            paper.categories = merge.setList(paper.categories, record.categories());
        }
        paper.publishedAt = merge.fill(paper.publishedAt, record.publishedAt());
        paper.upvotes = merge.replaceUnlessNull(paper.upvotes, record.upvotes());
        paper.numComments = merge.replaceUnlessNull(paper.numComments, record.numComments());
        if (listedAgain(paper, record)) {
            paper.listedOn = merge.set(paper.listedOn, record.listedOn());
        }
        paper.comment = merge.replaceUnlessNull(paper.comment, record.comment());
        paper.journalRef = merge.replaceUnlessNull(paper.journalRef, record.journalRef());
        paper.doi = merge.replaceUnlessNull(paper.doi, record.doi());
        paper.githubRepo = merge.replaceUnlessNull(paper.githubRepo, record.githubRepo());
        paper.projectPage = merge.replaceUnlessNull(paper.projectPage, record.projectPage());
        paper.thumbnailUrl = merge.replaceUnlessNull(paper.thumbnailUrl, record.thumbnailUrl());
        if (newerText || paper.pdfLink == null) {
            paper.pdfLink = merge.replaceUnlessNull(paper.pdfLink, record.pdfLink());
        }
        if (!record.aiKeywords().isEmpty()) {
            paper.aiKeywords = merge.setList(paper.aiKeywords, record.aiKeywords());
        }
        if (!paper.sources.contains(record.source())) {
            List<String> sources = new ArrayList<>(paper.sources);
            sources.add(record.source());
            paper.sources = sources;
            merge.changed = true;
        }
        return merge.changed;
    }

    /**
     * Whether a record moves a paper to its day: a paper Hugging Face lists belongs to the day it
     * is listed on, whatever day its arXiv announcement gave it, and to the later day when it
     * trends again. Other sources never move a paper.
     */
    private static boolean listedAgain(Paper paper, PaperRecord record) {
        if (record.listedOn() == null || !HfDailyPapersParser.SOURCE.equals(record.source())) {
            return false;
        }
        return !paper.sources.contains(HfDailyPapersParser.SOURCE)
                || record.listedOn().isAfter(paper.listedOn);
    }

    /** Tracks whether a merge changed anything, so a re-import reports "skipped". */
    private static final class Merge {
        boolean changed;

        <T> T set(T current, T incoming) {
            if (!Objects.equals(current, incoming)) {
                changed = true;
            }
            return incoming;
        }

        /** The incoming value replaces the current one, unless it is null. */
        <T> T replaceUnlessNull(T current, T incoming) {
            return incoming == null ? current : set(current, incoming);
        }

        /** Only fills a gap. */
        <T> T fill(T current, T incoming) {
            return current != null ? current : replaceUnlessNull(null, incoming);
        }

        List<String> setList(List<String> current, List<String> incoming) {
            return current.equals(incoming) ? current : set(current, new ArrayList<>(incoming));
        }
    }
}
