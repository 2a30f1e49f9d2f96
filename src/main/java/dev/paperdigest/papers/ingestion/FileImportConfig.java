package dev.paperdigest.papers.ingestion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code digest.import.*}: files put in a folder are imported on start and then every so often,
 * and moved to {@code imported/} or {@code failed/} with a {@code NAME.report.json} beside them.
 */
@ConfigMapping(prefix = "digest.import")
public interface FileImportConfig {

    /**
     * Folder watched for .json (Hugging Face daily_papers), .xml/.atom (arXiv Atom) and
     * .jsonl/.ndjson (JSON Lines) files. Unset: no folder is watched.
     */
    Optional<Path> path();

    /** How often the folder is looked at. */
    @WithDefault("60s")
    String every();
}
