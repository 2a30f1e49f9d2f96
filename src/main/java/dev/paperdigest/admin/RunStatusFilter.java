package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.RunStatus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code ?status=} of the lists of runs (digest runs, ingestion runs): any case, absent for all. */
final class RunStatusFilter {

    private RunStatusFilter() {}

    static Optional<RunStatus> parse(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be one of "
                    + Arrays.stream(RunStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }
}
