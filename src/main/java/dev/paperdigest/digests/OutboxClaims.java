package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One drain's claims on the outbox: batch after batch of due deliveries (QUEUED → SENDING), each
 * with its subscriber, and the papers their digests show, loaded once for the whole drain.
 */
final class OutboxClaims {

    /** Before any delivery's next attempt. */
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");
    /** Papers kept in memory by one drain for composing; more than any drain needs in practice. */
    static final int PAPERS_KEPT = 50_000;

    /** A claimed delivery with what composing it needs. */
    record Claimed(long id, String period, String messageId, String selection, Subscriber subscriber) {}

    private final int batchSize;
    private final RelaxedCommit relaxedCommit;
    private final Clock clock;
    private final Map<Long, Paper> papers = new ConcurrentHashMap<>();
    /** Where the last claimed batch ended, in the order deliveries are claimed (callers serialise claims). */
    private Instant cursorAt = START;

    private long cursorId;

    OutboxClaims(int batchSize, RelaxedCommit relaxedCommit, Clock clock) {
        this.batchSize = batchSize;
        this.relaxedCommit = relaxedCommit;
        this.clock = clock;
    }

    /**
     * Claims the next batch after where the last one ended; when nothing is left after it, looks
     * once more from the start (deliveries given back or retried behind the position).
     */
    List<Claimed> nextBatch() {
        List<Claimed> batch = claimAfter(cursorAt, cursorId);
        if (batch.isEmpty() && cursorId != 0) {
            cursorAt = START;
            cursorId = 0;
            batch = claimAfter(START, 0);
        }
        return batch;
    }

    /** The papers a selection shows, from those loaded with the claims (loaded now if they were let go since). */
    Map<Long, Paper> papersOf(Selection selection) {
        List<Long> missing = selection.paperIds().stream()
                .filter(id -> !papers.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            PatientTransactions.run(
                    "loading a digest's papers", () -> Paper.listByIds(missing).forEach(p -> papers.put(p.id, p)));
        }
        return papers;
    }

    /** Gives claimed deliveries back untried. */
    static void release(List<Long> ids) {
        if (!ids.isEmpty()) {
            PatientTransactions.run("giving back " + ids.size() + " claimed deliveries", () -> Delivery.release(ids));
        }
    }

    private List<Claimed> claimAfter(Instant afterAt, long afterId) {
        Instant now = clock.instant();
        return PatientTransactions.call("claiming deliveries to send", () -> {
            relaxedCommit.forThisTransaction();
            List<Long> ids = Delivery.lockDue(now, batchSize, afterAt, afterId);
            if (ids.isEmpty()) {
                return List.<Claimed>of();
            }
            Delivery.claim(ids, JobLease.OWNER, now);
            List<Delivery> deliveries = Delivery.list("id in ?1", ids);
            Delivery last = deliveries.stream()
                    .filter(d -> d.id.equals(ids.get(ids.size() - 1)))
                    .findFirst()
                    .orElseThrow();
            cursorAt = last.nextAttemptAt;
            cursorId = last.id;
            Map<Long, String> selections = DeliverySelection.byDelivery(ids);
            Map<Long, Subscriber> subscribers = Subscriber.<Subscriber>list(
                            "id in ?1",
                            deliveries.stream().map(d -> d.subscriberId).collect(Collectors.toSet()))
                    .stream()
                    .collect(Collectors.toMap(s -> s.id, Function.identity()));
            List<Claimed> batch = new ArrayList<>(deliveries.size());
            Set<Long> wanted = new HashSet<>();
            for (Delivery d : deliveries) {
                String selection = selections.get(d.id);
                batch.add(new Claimed(d.id, d.period, d.messageId, selection, subscribers.get(d.subscriberId)));
                try {
                    wanted.addAll(Selection.decode(selection).paperIds());
                } catch (IllegalArgumentException unreadable) {
                    // reported when it is composed
                }
            }
            loadPapers(wanted);
            return batch;
        });
    }

    private void loadPapers(Set<Long> wanted) {
        wanted.removeAll(papers.keySet());
        if (!wanted.isEmpty()) {
            if (papers.size() + wanted.size() > PAPERS_KEPT) {
                papers.clear();
            }
            Paper.listByIds(wanted).forEach(p -> papers.put(p.id, p));
        }
    }
}
