package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code ?status=} of the admin lists: one of the enum's names in any case, absent for all. */
final class StatusFilter {

    private StatusFilter() {}

    static <E extends Enum<E>> Optional<E> parse(String status, Class<E> statuses) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(statuses, status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be one of "
                    + Arrays.stream(statuses.getEnumConstants())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }
}
