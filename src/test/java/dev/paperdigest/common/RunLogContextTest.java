package dev.paperdigest.common;

import dev.paperdigest.support.NoDatabase;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@NoDatabase
class RunLogContextTest {

    @AfterEach
    void clear() {
        MDC.remove(RunLogContext.KEY);
    }

    @Test
    void aRunIsInTheLogContextWhileItsWorkRunsAndTheRunBeforeItComesBack() {
        RunLogContext.run("digest-1", () -> {
            assertEquals("digest-1", MDC.get(RunLogContext.KEY));
            RunLogContext.run("digest-2", () -> assertEquals("digest-2", RunLogContext.current()));
            assertEquals("digest-1", RunLogContext.current());
        });
        assertNull(MDC.get(RunLogContext.KEY));
    }

    @Test
    void itIsPutBackWhenTheWorkFails() {
        try {
            RunLogContext.run("ingestion-3", () -> {
                throw new IllegalStateException("broken");
            });
        } catch (IllegalStateException expected) {
            // the context must not outlive the run
        }
        assertNull(RunLogContext.current());
    }

    @Test
    void aPoolTaskIsPartOfItsRunAndLeavesItsThreadOutsideAnyRun() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the pool's thread is created here, while a run is in the context: it inherits that run
            String inherited = RunLogContext.call(
                    "digest-4",
                    () -> CompletableFuture.supplyAsync(RunLogContext::current, pool)
                            .join());
            assertEquals("digest-4", inherited);

            String carried = RunLogContext.call(
                    "digest-5",
                    () -> CompletableFuture.supplyAsync(RunLogContext.carried(RunLogContext::current), pool)
                            .join());
            assertEquals("digest-5", carried);
            assertNull(
                    CompletableFuture.supplyAsync(RunLogContext::current, pool).join(),
                    "once the task is done, its thread names no run, not even the one it inherited");

            assertEquals(
                    "ingestion-6",
                    CompletableFuture.supplyAsync(RunLogContext.task("ingestion-6", RunLogContext::current), pool)
                            .join());
            assertNull(CompletableFuture.supplyAsync(RunLogContext.carried(RunLogContext::current), pool)
                    .join());
        } finally {
            pool.shutdownNow();
        }
    }
}
