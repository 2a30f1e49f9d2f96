package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.ArxivCategories;
import dev.paperdigest.matching.QueryKind;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
    /** arXiv codes: the picker's checkboxes, and the text field's codes separated by commas or spaces. */
    @RestForm
    public List<String> categories = new ArrayList<>();

    /** arXiv ids or links of papers the person likes, one per line. */
    @RestForm
    public String papers;

    /** Liked papers Paper Digest does not have (arXiv did not know them, or has not answered yet). */
    public List<String> missingPapers = List.of();

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
        List<String> liked = subscriber.queries(QueryKind.SIMILAR);
        form.papers = String.join("\n", liked);
        form.missingPapers = LikedPapers.missing(liked);
        form.frequency = subscriber.frequency.formValue();
        form.sendHour = Integer.toString(subscriber.sendHour);
        form.timezone = subscriber.timeZone;
        return form;
    }

    public boolean isSendHour(int hour) {
        return sendHour != null && sendHour.strip().equals(Integer.toString(hour));
    }

    /** One group of the categories picker, open when something in it is chosen. */
    public record PickerGroup(String name, List<PickerChoice> choices, long chosen) {}

    /** One checkbox of the picker: "cs.CL — Computation and Language". */
    public record PickerChoice(String code, String name, boolean checked) {

        /** The checkbox's id: the code, its {@code *} spelled out. */
        public String id() {
            return "category-" + code.replace("*", "all");
        }
    }

    /** The arXiv taxonomy as the picker shows it, with the categories this form holds checked. */
    public List<PickerGroup> categoryPicker() {
        Set<String> held = heldCategories();
        List<PickerGroup> groups = new ArrayList<>();
        for (ArxivCategories.Group group : ArxivCategories.groups()) {
            List<PickerChoice> choices = group.choices().stream()
                    .map(c -> new PickerChoice(
                            c.code(),
                            c.isArchive() ? "all of " + c.name() : c.name(),
                            held.contains(c.code().toLowerCase(Locale.ROOT))))
                    .toList();
            groups.add(new PickerGroup(
                    group.name(),
                    choices,
                    choices.stream().filter(PickerChoice::checked).count()));
        }
        return groups;
    }

    /** The categories the picker cannot show (mistyped, unknown), for the text field, so nothing typed is lost. */
    public String otherCategoriesText() {
        Set<String> offered = new HashSet<>();
        ArxivCategories.groups()
                .forEach(g -> g.choices().forEach(c -> offered.add(c.code().toLowerCase(Locale.ROOT))));
        return SubscriptionFormValidator.categoryCodes(categories).stream()
                .filter(code -> !offered.contains(code.toLowerCase(Locale.ROOT)))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private Set<String> heldCategories() {
        Set<String> held = new HashSet<>();
        SubscriptionFormValidator.categoryCodes(categories).forEach(c -> held.add(c.toLowerCase(Locale.ROOT)));
        return held;
    }
}
