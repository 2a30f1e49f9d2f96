package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.InvalidQueryException;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.matching.QueryKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a posted form field by field, with a message for each problem, and builds the request. */
@ApplicationScoped
public class SubscriptionFormValidator {

    static final int MAX_PER_KIND = 20;
    /**
     * A plain addr-spec and nothing else: no display name, comment, quoting or whitespace, which a
     * mail client would strip, delivering {@code "1"<victim@x.com>} and {@code victim@x.com(1)}
     * to the same inbox as different subscribers. No {@code %} or {@code !} either (old routing
     * syntax some relays still honour).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9#$&'*+/=?^_`{|}~-]{1,64}(?:\\.[A-Za-z0-9#$&'*+/=?^_`{|}~-]{1,64})*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;\\s]+");

    private final PaperMatcher matcher;

    public SubscriptionFormValidator(PaperMatcher matcher) {
        this.matcher = matcher;
    }

    /** @return the request, or null with {@code errors} filled in */
    public SubscriptionRequest validate(SubscriptionForm form, boolean emailRequired, FormErrors errors) {
        String email = Subscriber.normaliseEmail(form.email);
        if (emailRequired) {
            if (email.isEmpty()) {
                errors.add("email", "Enter your email address.");
            } else if (email.length() > 254
                    || email.indexOf('@') > 64
                    || !EMAIL.matcher(email).matches()) {
                errors.add("email", "\"" + form.email.strip() + "\" is not an email address.");
            }
        }
        List<Subscription> subscriptions = new ArrayList<>();
        queries(QueryKind.KEYWORD, "keywords", "Keyword", lines(form.keywords), subscriptions, errors);
        queries(QueryKind.AUTHOR, "authors", "Author", lines(form.authors), subscriptions, errors);
        List<String> categories = new ArrayList<>();
        for (String field : form.categories == null ? List.<String>of() : form.categories) {
            for (String code : LIST_SEPARATORS.split(field == null ? "" : field.strip())) {
                if (!code.isEmpty()) {
                    categories.add(code);
                }
            }
        }
        queries(QueryKind.CATEGORY, "categories", "Category", categories, subscriptions, errors);
        if (subscriptions.isEmpty() && !errors.has("keywords") && !errors.has("authors") && !errors.has("categories")) {
            errors.add("keywords", "Follow at least one keyword, author or category.");
        }
        Frequency frequency = Frequency.fromForm(form.frequency).orElse(null);
        if (frequency == null) {
            errors.add("frequency", "Choose daily or weekly.");
        }
        int sendHour = -1;
        try {
            sendHour = Integer.parseInt(form.sendHour == null ? "" : form.sendHour.strip());
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (sendHour < 0 || sendHour > 23) {
            errors.add("sendHour", "Choose an hour from 0 to 23.");
        }
        String timeZone = form.timezone == null ? "" : form.timezone.strip();
        try {
            timeZone = ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            errors.add("timezone", "\"" + timeZone + "\" is not a time zone; use a name such as Europe/Berlin.");
        }
        return errors.isEmpty() ? new SubscriptionRequest(email, subscriptions, frequency, sendHour, timeZone) : null;
    }

    private void queries(
            QueryKind kind, String field, String label, List<String> raw, List<Subscription> into, FormErrors errors) {
        if (raw.size() > MAX_PER_KIND) {
            errors.add(field, "At most " + MAX_PER_KIND + " " + field + ", please.");
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String query : raw) {
            try {
                String canonical = matcher.validate(kind, query);
                if (seen.add(canonical)) {
                    into.add(Subscription.of(kind, canonical));
                }
            } catch (InvalidQueryException e) {
                errors.add(field, refusal(label, query, e));
            }
        }
    }

    /** What a person reads when a query they typed is refused: {@code Keyword "ab*" has "ab*", which is too short…}. */
    static String refusal(String label, String query, InvalidQueryException e) {
        return label + " \"" + query.strip() + "\" " + e.getMessage();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }
}
