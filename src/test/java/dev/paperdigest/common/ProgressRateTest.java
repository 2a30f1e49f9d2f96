package dev.paperdigest.common;

import dev.paperdigest.support.NoDatabase;
import dev.paperdigest.support.SteppedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

@NoDatabase
class ProgressRateTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-03T08:00:00Z"));
    private final ProgressRate rate = new ProgressRate(Duration.ofSeconds(10), clock);

    @Test
    void aLineIsDueOnlyOnceTheIntervalHasPassed() {
        clock.advance(Duration.ofSeconds(9));
        assertThat(rate.due(900), equalTo(OptionalDouble.empty()));
        clock.advance(Duration.ofSeconds(1));
        assertThat(rate.due(1_000).getAsDouble(), closeTo(100, 0.001));
        clock.advance(Duration.ofSeconds(5));
        assertThat(rate.due(1_400), equalTo(OptionalDouble.empty()));
    }

    @Test
    void theRateIsThePaceSinceThePreviousLineNotTheAverageSinceTheStart() {
        clock.advance(Duration.ofSeconds(10));
        assertThat(rate.due(8_000).getAsDouble(), closeTo(800, 0.001));
        clock.advance(Duration.ofSeconds(20));
        assertThat(rate.due(10_000).getAsDouble(), closeTo(100, 0.001));
        clock.advance(Duration.ofSeconds(10));
        assertThat("nothing done since the last line", rate.due(10_000).getAsDouble(), closeTo(0, 0.001));
    }
}
