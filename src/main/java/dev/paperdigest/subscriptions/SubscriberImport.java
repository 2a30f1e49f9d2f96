package dev.paperdigest.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.MailSending;
import dev.paperdigest.common.SizeLimitedInputStream;
import dev.paperdigest.common.TableStatistics;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads subscribers in bulk from JSON Lines, one person a line:
 * <pre>{"email":"ada@example.org","keywords":["sparse attention"],"authors":["Tim Dettmers"],
 *  "categories":["cs.CL"],"papers":["2401.01234"],"frequency":"daily","sendHour":8,"timezone":"Europe/Berlin"}</pre>
 * Each line is checked like the sign-up form (same rules, same messages); {@code frequency},
 * {@code sendHour} and {@code timezone} default to daily, 8 and UTC. Liked papers Paper Digest
 * does not have are looked up on arXiv in the background, not while the import waits. The file is read as it
 * arrives and stored a thousand lines per transaction, so memory stays flat however long it is.
 *
 * <p>With {@code preconfirmed} the operator vouches for consent and new people are active at once;
 * otherwise they are pending and get the confirmation email, within the usual per-address limit.
 * An active subscriber's subscriptions and schedule are replaced by the line's (skipped when they
 * are the same); people who unsubscribed or bounced are never signed up again by an import.
 */
@ApplicationScoped
public class SubscriberImport {

    private static final Logger LOG = Logger.getLogger(SubscriberImport.class);
    static final int LINES_PER_TRANSACTION = 1000;
    static final int MAX_LINE_CHARS = 64 * 1024;

    private record Line(int index, SubscriptionRequest request) {}

    private final SubscriptionFormValidator validator;
    private final SubscriptionService subscriptions;
    private final MailSending mailSending;
    private final TableStatistics statistics;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SubscriberImport(
            SubscriptionFormValidator validator,
            SubscriptionService subscriptions,
            MailSending mailSending,
            TableStatistics statistics,
            ObjectMapper mapper,
            Clock clock) {
        this.validator = validator;
        this.subscriptions = subscriptions;
        this.mailSending = mailSending;
        this.statistics = statistics;
        this.mapper = mapper;
        this.clock = clock;
    }

    public ImportReport importLines(InputStream body, boolean preconfirmed) {
        ImportReport report = new ImportReport();
        List<Line> batch = new ArrayList<>(LINES_PER_TRANSACTION);
        // each time the table has about doubled: the lookup of existing addresses stays an index
        // scan instead of a plan made for the empty table of a fresh installation
        long refreshAt = LINES_PER_TRANSACTION;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            int index = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                int current = index++;
                report.received++;
                SubscriptionRequest request = read(text, current, report);
                if (request != null) {
                    batch.add(new Line(current, request));
                }
                if (batch.size() == LINES_PER_TRANSACTION) {
                    store(batch, preconfirmed, report);
                    batch.clear();
                    if (report.created >= refreshAt) {
                        refreshStatistics();
                        refreshAt = 2 * report.created;
                    }
                }
            }
        } catch (SizeLimitedInputStream.TooLargeException e) {
            report.tooLarge = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!batch.isEmpty()) {
                store(batch, preconfirmed, report);
            }
        }
        return report;
    }

    private SubscriptionRequest read(String text, int index, ImportReport report) {
        if (text.length() > MAX_LINE_CHARS) {
            report.reject(index, "the line is longer than " + MAX_LINE_CHARS + " characters");
            return null;
        }
        JsonNode line;
        try {
            line = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            report.reject(index, "the line is not JSON: " + e.getOriginalMessage());
            return null;
        }
        if (!line.isObject()) {
            report.reject(index, "the line is not a JSON object");
            return null;
        }
        SubscriptionForm form = new SubscriptionForm();
        form.email = line.path("email").asText("");
        form.keywords = String.join("\n", lines(line.path("keywords")));
        form.authors = String.join("\n", lines(line.path("authors")));
        form.categories = lines(line.path("categories"));
        form.papers = String.join("\n", lines(line.path("papers")));
        form.frequency = line.path("frequency").asText("daily");
        form.sendHour = line.path("sendHour").asText("8");
        form.timezone = line.path("timezone").asText("UTC");
        FormErrors errors = new FormErrors();
        SubscriptionRequest request =
                validator.validate(form, true, SubscriptionFormValidator.ArxivLookUp.LATER, () -> true, errors);
        if (request == null) {
            report.reject(index, String.join(" ", errors.all()));
        }
        return request;
    }

    /** An array of strings, or one string. */
    private static List<String> lines(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual() && !node.asText().isBlank()) {
            values.add(node.asText());
        }
        return values;
    }

    private void refreshStatistics() {
        statistics.refresh("subscriber");
        statistics.refresh("subscription");
    }

    private void store(List<Line> batch, boolean preconfirmed, ImportReport report) {
        List<MailTemplateInstance> confirmations =
                QuarkusTransaction.requiringNew().call(() -> write(batch, preconfirmed, report));
        for (MailTemplateInstance mail : confirmations) {
            try {
                mailSending.send(mail);
            } catch (RuntimeException e) {
                LOG.warnf("a confirmation email of a subscriber import could not be sent: %s", e.getMessage());
            }
        }
    }

    private List<MailTemplateInstance> write(List<Line> batch, boolean preconfirmed, ImportReport report) {
        Instant now = clock.instant();
        Map<String, Subscriber> existing = Subscriber.<Subscriber>list(
                        "select distinct s from Subscriber s left join fetch s.subscriptions where s.email in ?1",
                        batch.stream().map(line -> line.request().email()).toList())
                .stream()
                .collect(Collectors.toMap(s -> s.email, Function.identity()));
        long backfillRound = SubscriptionService.backfillRound(now);
        Set<String> seen = new HashSet<>();
        List<Subscriber> created = new ArrayList<>();
        List<Subscriber> toConfirm = new ArrayList<>();
        for (Line line : batch) {
            SubscriptionRequest request = line.request();
            Subscriber subscriber = existing.get(request.email());
            if (!seen.add(request.email())) {
                report.skipped++; // the same address twice in one file: the first line counts
            } else if (subscriber == null) {
                subscriber = SubscriptionService.newSubscriber(request.email(), now);
                SubscriptionService.apply(subscriber, request, now);
                start(subscriber, preconfirmed, now, backfillRound, toConfirm);
                created.add(subscriber);
                report.created++;
            } else if (subscriber.status == SubscriberStatus.UNSUBSCRIBED
                    || subscriber.status == SubscriberStatus.BOUNCED) {
                report.skipped++; // they left: only they can come back
            } else if (subscriber.status == SubscriberStatus.ACTIVE && sameChoices(subscriber, request)) {
                report.skipped++;
            } else {
                SubscriptionService.apply(subscriber, request, now);
                if (subscriber.status == SubscriberStatus.ACTIVE) {
                    subscriber.nextDigestAt = now;
                } else {
                    start(subscriber, preconfirmed, now, backfillRound, toConfirm);
                }
                report.updated++;
            }
        }
        Subscriber.persist(created);
        List<MailTemplateInstance> mails = new ArrayList<>(toConfirm.size());
        for (Subscriber subscriber : toConfirm) {
            if (subscriptions.mayEmail(subscriber, now)) {
                mails.add(subscriptions.confirmationMail(subscriber));
            }
        }
        return mails;
    }

    private static void start(
            Subscriber subscriber, boolean preconfirmed, Instant now, long backfillRound, List<Subscriber> toConfirm) {
        if (preconfirmed) {
            subscriber.confirmedAt = now;
            SubscriptionService.activate(subscriber, now, backfillRound);
        } else {
            subscriber.status = SubscriberStatus.PENDING;
            toConfirm.add(subscriber);
        }
    }

    private static boolean sameChoices(Subscriber subscriber, SubscriptionRequest request) {
        if (subscriber.frequency != request.frequency()
                || subscriber.sendHour != request.sendHour()
                || !Objects.equals(subscriber.timeZone, request.timeZone())
                || subscriber.subscriptions.size() != request.subscriptions().size()) {
            return false;
        }
        for (int i = 0; i < request.subscriptions().size(); i++) {
            Subscription have = subscriber.subscriptions.get(i);
            Subscription want = request.subscriptions().get(i);
            if (have.kind != want.kind || !have.query.equals(want.query)) {
                return false;
            }
        }
        return true;
    }
}
