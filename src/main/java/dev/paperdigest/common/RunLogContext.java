package dev.paperdigest.common;

import io.vertx.core.Vertx;
import org.jboss.logging.MDC;

import java.util.function.Supplier;

/**
 * The run a thread works for, in the log context ({@code runId} in JSON logs, {@code %X{runId}}
 * in the console format) of every line it logs meanwhile: {@code digest-12} for digest run 12,
 * {@code ingestion-7} for ingestion run 7. Work a run hands to the managed executor is made a
 * {@link #task} or {@link #carried}.
 *
 * <p>Where the log context lives decides how a task leaves it. Work submitted from a request or a
 * scheduled job runs on that job's Vert.x context, which the managed executor carries along, and
 * its log context is the context's, shared with the thread that submitted it: a task puts back
 * what it found. Work submitted from elsewhere gets the log context of its thread, which a new
 * thread inherits from the thread that created it (a pool creates threads while a run submits
 * work): a task clears it, or the thread would name that run in whatever it runs next.
 */
public final class RunLogContext {

    public static final String KEY = "runId";

    private RunLogContext() {}

    /** Runs {@code work} in this thread as part of run {@code runId}, then puts back the run it worked for before. */
    public static void run(String runId, Runnable work) {
        call(runId, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(String runId, Supplier<T> work) {
        Object before = MDC.get(KEY);
        put(runId);
        try {
            return work.get();
        } finally {
            put(before);
        }
    }

    /** {@code work} as a pool's task, part of run {@code runId} (null: of none). */
    public static Runnable task(String runId, Runnable work) {
        Supplier<Void> task = task(runId, () -> {
            work.run();
            return null;
        });
        return task::get;
    }

    public static <T> Supplier<T> task(String runId, Supplier<T> work) {
        return () -> {
            Object before = MDC.get(KEY);
            put(runId);
            try {
                return work.get();
            } finally {
                if (Vertx.currentContext() != null) {
                    put(before);
                } else {
                    MDC.remove(KEY);
                }
            }
        };
    }

    /** {@code work} as a pool's task, part of the run this thread works for now (or of none). */
    public static Runnable carried(Runnable work) {
        return task(current(), work);
    }

    public static <T> Supplier<T> carried(Supplier<T> work) {
        return task(current(), work);
    }

    /** The run this thread works for, or null. */
    public static String current() {
        Object runId = MDC.get(KEY);
        return runId == null ? null : runId.toString();
    }

    private static void put(Object runId) {
        if (runId == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, runId);
        }
    }
}
