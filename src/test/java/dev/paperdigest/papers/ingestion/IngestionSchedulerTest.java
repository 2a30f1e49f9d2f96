package dev.paperdigest.papers.ingestion;

import dev.paperdigest.papers.sources.PaperSource;
import dev.paperdigest.papers.sources.SourceRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class IngestionSchedulerTest {

    @Test
    void aDisabledSourceNeverRunsOnSchedule() {
        boolean[] fetched = {false};
        PaperSource disabled = new PaperSource() {
            @Override
            public String name() {
                return "hf";
            }

            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public void fetch(SourceRun run) {
                fetched[0] = true;
            }
        };
        // no ingestion service at all: a tick for a disabled source must not even ask for a run
        IngestionScheduler scheduler = new IngestionScheduler(null, null, null);
        assertNull(scheduler.tick(disabled));
        assertFalse(fetched[0]);
    }
}
