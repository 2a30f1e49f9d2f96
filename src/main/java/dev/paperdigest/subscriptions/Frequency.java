package dev.paperdigest.subscriptions;

import java.util.Locale;
import java.util.Optional;

public enum Frequency {
    DAILY,
    WEEKLY;

    public String formValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Frequency> fromForm(String value) {
        for (Frequency f : values()) {
            if (f.formValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
