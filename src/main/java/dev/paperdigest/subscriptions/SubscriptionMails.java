package dev.paperdigest.subscriptions;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

import java.util.List;

/** Emails about a subscription itself; each template has an .html and a .txt variant. */
@CheckedTemplate(basePath = "SubscriptionMails")
public class SubscriptionMails {

    /** What the person asked to follow, shown back in the confirmation email. */
    public record Summary(
            List<String> keywords,
            List<String> authors,
            List<String> categories,
            List<String> papers,
            String schedule) {}

    public static native MailTemplateInstance confirm(
            String confirmUrl, String manageUrl, String unsubscribeUrl, Summary summary);

    public static native MailTemplateInstance alreadySubscribed(String manageUrl, String unsubscribeUrl);
}
