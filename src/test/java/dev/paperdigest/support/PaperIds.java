package dev.paperdigest.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * arXiv ids for the papers tests import, counted instead of drawn at random: no two tests of a
 * run share one, and every run uses the same ones.
 */
public final class PaperIds {

    private static final AtomicInteger NEXT = new AtomicInteger(1000);

    private PaperIds() {}

    /**
     * A base no other test has, such as {@code 2612.1000} for the month {@code 2612}; a test
     * appends one digit per paper ({@code 2612.10001}), which keeps clear of the fixed ids below
     * {@code .01000} that some tests use.
     */
    public static String base(String month) {
        int next = NEXT.getAndIncrement();
        if (next > 9999) {
            throw new IllegalStateException("no test paper ids left");
        }
        return month + "." + next;
    }
}
