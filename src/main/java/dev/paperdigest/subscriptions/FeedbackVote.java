package dev.paperdigest.subscriptions;

import java.util.Locale;
import java.util.Optional;

/** A subscriber's word on one paper of their digest. */
public enum FeedbackVote {
    MORE("More like this"),
    FEWER("Fewer like this");

    /** What the button and the link say. */
    public final String label;

    FeedbackVote(String label) {
        this.label = label;
    }

    /** {@code more} or {@code fewer}, as links carry it. */
    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FeedbackVote> ofParam(String param) {
        for (FeedbackVote vote : values()) {
            if (vote.param().equals(param)) {
                return Optional.of(vote);
            }
        }
        return Optional.empty();
    }
}
