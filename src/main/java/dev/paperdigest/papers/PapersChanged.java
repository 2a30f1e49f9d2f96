package dev.paperdigest.papers;

/**
 * Fired (as a CDI event) in a transaction that stores or deletes papers; observed after it
 * commits by what keeps views of the papers in memory.
 */
public record PapersChanged() {}
