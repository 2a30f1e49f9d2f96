package dev.paperdigest.papers.ingestion;

import dev.paperdigest.papers.sources.PaperSource;
import dev.paperdigest.papers.sources.SourceRun;
import dev.paperdigest.support.NoDatabase;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@NoDatabase
class IngestionSchedulerTest {

    @Test
    void aDisabledSourceNeverRunsOnSchedule() {
        List<String> started = new ArrayList<>();
        IngestionScheduler scheduler =
                new IngestionScheduler(recordingStarts(started), null, null, java.time.Clock.systemUTC());

        assertNull(scheduler.tick(source("hf", false)));
        assertEquals(List.of(), started, "a tick for a disabled source must not even ask for a run");

        // the same tick for an enabled source does ask, so the recording above would have seen it
        assertEquals(1L, scheduler.tick(source("arxiv", true)));
        assertEquals(List.of("arxiv, scheduled"), started);
    }

    /** An ingestion service that only records the runs it is asked to start. */
    private static IngestionService recordingStarts(List<String> started) {
        return new IngestionService(noSources(), null, null, null, null, null) {
            @Override
            public long start(String sourceName, LocalDate date, boolean scheduled) {
                started.add(sourceName + (scheduled ? ", scheduled" : ""));
                return started.size();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Instance<PaperSource> noSources() {
        return (Instance<PaperSource>) Proxy.newProxyInstance(
                Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "iterator" -> Collections.emptyIterator();
                    case "forEach" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PaperSource source(String name, boolean enabled) {
        return new PaperSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public void fetch(SourceRun run) {
                throw new AssertionError("a tick starts a run; it never fetches itself");
            }
        };
    }
}
