package dev.paperdigest.papers.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.LimitsConfig;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.common.SizeLimitedInputStream;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperFormats;
import dev.paperdigest.papers.PaperImporter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Imports files dropped into {@code digest.import.path}: on start and then every
 * {@code digest.import.every}. The format comes from the name: {@code .json} Hugging Face
 * daily_papers, {@code .xml}/{@code .atom} arXiv Atom, {@code .jsonl}/{@code .ndjson} JSON Lines.
 * Each file is streamed (never read whole) and limited to {@code digest.limits.max-import-size};
 * afterwards it moves to {@code imported/} (or {@code failed/} when it was malformed, too large or
 * of an unknown kind) with its report beside it as {@code NAME.report.json}. Files changed in the
 * last few seconds are left for the next look (still being written: better, write elsewhere and
 * move them in). Hidden files are ignored. One replica at a time imports (job lease). Each file
 * is also recorded as an ingestion run of source {@value #SOURCE}, listed with the others by
 * {@code GET /api/admin/ingestions}: SUCCEEDED, or FAILED with the reason and the file's name.
 */
@ApplicationScoped
public class FolderImport {

    private static final Logger LOG = Logger.getLogger(FolderImport.class);
    /** The source of the ingestion runs that record file imports. */
    public static final String SOURCE = "file";

    static final String LEASE = "import-folder";
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final FileImportConfig config;
    private final LimitsConfig limits;
    private final PaperFormats formats;
    private final PaperImporter importer;
    private final IngestionMetrics metrics;
    private final JobLease lease;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FolderImport(
            FileImportConfig config,
            LimitsConfig limits,
            PaperFormats formats,
            PaperImporter importer,
            IngestionMetrics metrics,
            JobLease lease,
            ObjectMapper mapper,
            Clock clock) {
        this.config = config;
        this.limits = limits;
        this.formats = formats;
        this.importer = importer;
        this.metrics = metrics;
        this.lease = lease;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Scheduled(
            identity = "import-folder",
            every = "{digest.import.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        config.path().ifPresent(folder -> {
            try {
                scan(folder);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("import folder %s not read: %s", folder, e.getMessage());
            }
        });
    }

    /** Imports what is in the folder now; returns the names of the files it handled. */
    public List<String> scan(Path folder) throws IOException {
        List<String> handled = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            LOG.warnf("digest.import.path %s is not a folder", folder);
            return handled;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            Instant settled = Instant.now().minus(SETTLE);
            files = list.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().endsWith(".report.json"))
                    .filter(f -> lastModified(f).isBefore(settled))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty() || !lease.tryAcquire(LEASE, Duration.ofMinutes(30))) {
            return handled;
        }
        try {
            for (Path file : files) {
                if (Files.exists(file)) {
                    importFile(folder, file);
                    handled.add(file.getFileName().toString());
                }
            }
        } finally {
            lease.release(LEASE);
        }
        return handled;
    }

    private void importFile(Path folder, Path file) throws IOException {
        String name = file.getFileName().toString();
        Instant started = clock.instant();
        Optional<PaperFeedParser> parser = formats.forFileName(name);
        ImportReport report;
        String problem; // null: the file was read to its end
        if (parser.isEmpty()) {
            report = new ImportReport();
            problem = "unknown kind of file: name it .json, .xml, .atom, .jsonl or .ndjson";
            report.reject(0, problem);
        } else {
            long limit = limits.maxImportSize().asLongValue();
            try (InputStream in = new SizeLimitedInputStream(Files.newInputStream(file), limit)) {
                report = importer.importDocument(parser.get(), in);
            }
            problem = report.rejected.stream()
                    .map(ImportReport.Rejection::reason)
                    .filter(reason -> reason.startsWith("malformed document"))
                    .findFirst()
                    .orElse(report.tooLarge ? "larger than digest.limits.max-import-size" : null);
        }
        boolean good = problem == null;
        Path target = Files.createDirectories(folder.resolve(good ? "imported" : "failed"));
        Path moved = Files.move(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(target.resolve(name + ".report.json").toFile(), report);
        LOG.infof(
                "imported %s: %d received, %d created, %d updated, %d skipped, %d rejected; moved to %s",
                name, report.received, report.created, report.updated, report.skipped, report.rejected.size(), moved);
        record(name, report, problem, started);
    }

    /** The file's ingestion run; the import itself stands whether or not it can be recorded. */
    private void record(String name, ImportReport report, String problem, Instant started) {
        RunStatus status = problem == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        metrics.ingested(SOURCE, report);
        metrics.runEnded(SOURCE, status, Duration.between(started, clock.instant()));
        ImportReport named = new ImportReport();
        named.add(report);
        named.rejected.replaceAll(r -> new ImportReport.Rejection(r.index(), name + ": " + r.reason()));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                IngestionRun run = IngestionRun.queue(SOURCE, null, true, started);
                run.startedAt = started;
                run.count(report.received, named);
                run.progress = problem == null ? 1 : 0;
                run.end(status, problem == null ? null : name + ": " + problem, clock.instant());
            });
        } catch (RuntimeException e) {
            LOG.warnf("import of %s not recorded as an ingestion run: %s", name, e.getMessage());
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
