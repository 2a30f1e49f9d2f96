package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.InvalidQueryException;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.papers.ArxivId;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
    private final LikedPapers likedPapers;

    public SubscriptionFormValidator(PaperMatcher matcher, LikedPapers likedPapers) {
        this.matcher = matcher;
        this.likedPapers = likedPapers;
    }

    /** How liked papers Paper Digest does not have are looked up on arXiv. */
    enum ArxivLookUp {
        /** A form: wait a little for arXiv, refusing the ids it does not know. */
        WAIT,
        /** An import: look them up in the background. */
        LATER
    }

    /** @return the request, or null with {@code errors} filled in */
    public SubscriptionRequest validate(SubscriptionForm form, boolean emailRequired, FormErrors errors) {
        return validate(form, emailRequired, () -> true, errors);
    }

    /**
     * @param mayAskArxiv asked once, and only when liked papers must be looked up on arXiv: whether
     *     this client may make arXiv look-ups now (false refuses the papers on the form)
     * @return the request, or null with {@code errors} filled in
     */
    public SubscriptionRequest validate(
            SubscriptionForm form, boolean emailRequired, BooleanSupplier mayAskArxiv, FormErrors errors) {
        return validate(form, emailRequired, ArxivLookUp.WAIT, mayAskArxiv, errors);
    }

    /** @return the request, or null with {@code errors} filled in */
    SubscriptionRequest validate(
            SubscriptionForm form,
            boolean emailRequired,
            ArxivLookUp lookUp,
            BooleanSupplier mayAskArxiv,
            FormErrors errors) {
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
        queries(QueryField.KEYWORDS, lines(form.keywords), subscriptions, errors);
        queries(QueryField.AUTHORS, lines(form.authors), subscriptions, errors);
        queries(QueryField.CATEGORIES, categoryCodes(form.categories), subscriptions, errors);
        List<String> papers = lines(form.papers);
        queries(QueryField.PAPERS, papers, subscriptions, errors);
        if (subscriptions.isEmpty()
                && !errors.has("keywords")
                && !errors.has("authors")
                && !errors.has("categories")
                && !errors.has("papers")) {
            errors.add("keywords", "Follow at least one keyword, author, category or paper.");
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
        if (errors.isEmpty()) {
            likedPapersKnown(papers, lookUp, mayAskArxiv, errors);
        }
        return errors.isEmpty() ? new SubscriptionRequest(email, subscriptions, frequency, sendHour, timeZone) : null;
    }

    /** Liked papers Paper Digest does not have are looked up on arXiv; those it does not know are refused. */
    private void likedPapersKnown(
            List<String> typed, ArxivLookUp lookUp, BooleanSupplier mayAskArxiv, FormErrors errors) {
        Map<String, String> asTyped = new LinkedHashMap<>();
        typed.forEach(line -> asTyped.putIfAbsent(arxivId(line).orElseThrow(), line));
        List<String> missing = LikedPapers.missing(asTyped.keySet());
        if (missing.isEmpty()) {
            return;
        }
        if (!likedPapers.canLookUp()) {
            missing.forEach(id -> errors.add(
                    QueryField.PAPERS.formName(),
                    "Paper \"" + asTyped.get(id)
                            + "\" is not in Paper Digest, and looking papers up on arXiv is turned off here."));
        } else if (!mayAskArxiv.getAsBoolean()) {
            missing.forEach(id -> errors.add(
                    QueryField.PAPERS.formName(),
                    "Paper \"" + asTyped.get(id)
                            + "\" is not in Paper Digest yet, and your network has reached its limit of sign-ups"
                            + " and arXiv look-ups for this hour. Please try again later."));
        } else if (lookUp == ArxivLookUp.LATER) {
            likedPapers.fetchLater(missing);
        } else {
            likedPapers
                    .fetchWaiting(missing)
                    .forEach(id -> errors.add(
                            QueryField.PAPERS.formName(), "Paper \"" + asTyped.get(id) + "\" is not on arXiv."));
        }
    }

    /** The base id of an arXiv id or link as a person may write it. */
    static Optional<String> arxivId(String line) {
        return ArxivId.parse(line).map(ArxivId::id);
    }

    /** One line of a field checked: its canonical form, or the message saying what is wrong with it. */
    record CheckedLine(String canonical, String error) {}

    /** Checks one line of a field, with the message the form shows for it. */
    CheckedLine check(QueryField field, String line) {
        if (field == QueryField.PAPERS) {
            return arxivId(line)
                    .map(id -> new CheckedLine(id, null))
                    .orElseGet(
                            () -> new CheckedLine(
                                    null,
                                    "Paper \"" + line.strip()
                                            + "\" is not an arXiv id or link, such as 2401.01234 or https://arxiv.org/abs/2401.01234."));
        }
        try {
            return new CheckedLine(matcher.validate(field.kind(), line), null);
        } catch (InvalidQueryException e) {
            return new CheckedLine(null, refusal(field.label(), line, e));
        }
    }

    /** The message for a field with more lines than anyone may follow, or null. */
    static String tooMany(QueryField field, List<String> lines) {
        return lines.size() > MAX_PER_KIND ? "At most " + MAX_PER_KIND + " " + field.formName() + ", please." : null;
    }

    private void queries(QueryField field, List<String> raw, List<Subscription> into, FormErrors errors) {
        String tooMany = tooMany(field, raw);
        if (tooMany != null) {
            errors.add(field.formName(), tooMany);
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String query : raw) {
            CheckedLine checked = check(field, query);
            if (checked.error() != null) {
                errors.add(field.formName(), checked.error());
            } else if (seen.add(checked.canonical())) {
                into.add(Subscription.of(field.kind(), checked.canonical()));
            }
        }
    }

    /** Category codes as posted: repeated fields (the picker), each of which may hold several (the text field). */
    static List<String> categoryCodes(List<String> fields) {
        List<String> codes = new ArrayList<>();
        for (String field : fields == null ? List.<String>of() : fields) {
            for (String code : LIST_SEPARATORS.split(field == null ? "" : field.strip())) {
                if (!code.isEmpty()) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    /** What a person reads when a query they typed is refused: {@code Keyword "ab*" has "ab*", which is too short…}. */
    static String refusal(String label, String query, InvalidQueryException e) {
        return label + " \"" + query.strip() + "\" " + e.getMessage();
    }

    /** The non-blank lines of a text field, stripped. */
    static List<String> lines(String text) {
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
