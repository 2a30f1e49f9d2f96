package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.digests.DigestQueue.Totals;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Queues a run's shards, side by side with every other process: the run's own process until none
 * is left to claim, the others from their outbox poll.
 */
@ApplicationScoped
public class ShardQueueing {

    private static final Logger LOG = Logger.getLogger(ShardQueueing.class);

    private final DigestQueue queue;
    private final QueueShards shards;
    private final Clock clock;

    public ShardQueueing(DigestQueue queue, QueueShards shards, Clock clock) {
        this.queue = queue;
        this.shards = shards;
        this.clock = clock;
    }

    /**
     * The run's own share: shards until none is left to claim, then waiting for those other
     * processes hold (taking over any whose process stopped). An unfinished shard of an older run
     * is queued on the way.
     */
    Totals queueRun(DigestRun run, RunProgress progress) {
        Totals mine = Totals.NONE;
        while (!progress.cancelled()) {
            Optional<QueueShards.Shard> shard = shards.claim(JobLease.OWNER, clock.instant());
            if (shard.isPresent() && shard.get().runId() == run.id) {
                mine = mine.plus(queueShard(run, shard.get(), JobLease.OWNER, progress::afterPage));
            } else if (shard.isPresent()) {
                long other = shard.get().runId();
                mine = mine.plus(queueShard(
                        DigestRunner.load(other),
                        shard.get(),
                        JobLease.OWNER,
                        ignored -> !DigestRunner.cancelRequested(other)));
            } else if (shards.unfinished(run.id) == 0) {
                break;
            } else {
                progress.report(false);
                DigestRunner.sleep(Duration.ofMillis(500));
            }
        }
        return mine;
    }

    /** Queues shards of runs other processes started, as {@code owner}, until none is left to claim. */
    void joinRunningRuns(String owner) {
        Optional<QueueShards.Shard> shard;
        while ((shard = shards.claim(owner, clock.instant())).isPresent()) {
            long runId = shard.get().runId();
            QueueShards.Shard claimed = shard.get();
            RunLogContext.run(DigestRunner.logId(runId), () -> {
                Totals done = queueShard(
                        DigestRunner.load(runId), claimed, owner, ignored -> !DigestRunner.cancelRequested(runId));
                LOG.debugf(
                        "queued shard %d-%d of digest run %d: %d digests",
                        claimed.firstId(), claimed.lastId(), runId, done.queued());
            });
        }
    }

    private Totals queueShard(DigestRun run, QueueShards.Shard shard, String owner, DigestQueue.Progress goOn) {
        boolean[] stopped = {false};
        Totals totals = queue.queue(run, shard, soFar -> {
            boolean stillMine = shards.progress(shard, owner, soFar, clock.instant());
            stopped[0] = !stillMine || !goOn.afterPage(soFar);
            return !stopped[0];
        });
        if (!stopped[0]) {
            shards.finish(shard, owner, totals, clock.instant());
        }
        return totals;
    }
}
