package dev.paperdigest.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The gauges a bean registered, to remove when the application stops: the meter registry can
 * outlive the application (it does across the restarts of the test suite), and a gauge left
 * behind would keep reading through the beans of a stopped one.
 */
public final class OwnGauges {

    private final List<Gauge> gauges = new ArrayList<>();

    public synchronized void add(Gauge gauge) {
        gauges.add(gauge);
    }

    public synchronized void removeFrom(MeterRegistry registry) {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
