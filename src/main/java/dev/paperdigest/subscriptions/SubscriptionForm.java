package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.QueryKind;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.List;

/** The subscribe and manage forms, as posted: strings only, so bad input can be shown back as typed. */
public class SubscriptionForm {

    @RestForm
    public String email;
    /** One query per line. */
    @RestForm
    public String keywords;
    /** One name per line. */
    @RestForm
    public String authors;
    /** arXiv codes, repeated fields or one field separated by commas or spaces. */
    @RestForm
    public List<String> categories = new ArrayList<>();

    @RestForm
    public String frequency;

    @RestForm
    public String sendHour;

    @RestForm
    public String timezone;

    /** A blank form with the defaults a newcomer sees. */
    public static SubscriptionForm blank() {
        SubscriptionForm form = new SubscriptionForm();
        form.frequency = Frequency.DAILY.formValue();
        form.sendHour = "8";
        form.timezone = "UTC";
        return form;
    }

    /** The form as an existing subscriber's manage page shows it. */
    public static SubscriptionForm of(Subscriber subscriber) {
        SubscriptionForm form = new SubscriptionForm();
        form.email = subscriber.email;
        form.keywords = String.join("\n", subscriber.queries(QueryKind.KEYWORD));
        form.authors = String.join("\n", subscriber.queries(QueryKind.AUTHOR));
        form.categories = new ArrayList<>(subscriber.queries(QueryKind.CATEGORY));
        form.frequency = subscriber.frequency.formValue();
        form.sendHour = Integer.toString(subscriber.sendHour);
        form.timezone = subscriber.timeZone;
        return form;
    }

    public boolean isSendHour(int hour) {
        return sendHour != null && sendHour.strip().equals(Integer.toString(hour));
    }

    /** Categories as one line for the text field. */
    public String categoriesText() {
        return String.join(", ", categories == null ? List.of() : categories);
    }
}
