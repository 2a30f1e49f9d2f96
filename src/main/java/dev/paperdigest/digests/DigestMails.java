package dev.paperdigest.digests;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/** The digest email: {@code DigestMails/digest.html} and {@code .txt}, sent as multipart/alternative. */
@CheckedTemplate(basePath = "DigestMails")
public class DigestMails {

    public static native MailTemplateInstance digest(Digest digest);

    /** The HTML part, as sent and as previewed. */
    static String html(Digest digest) {
        return render(digest, Variant.TEXT_HTML);
    }

    /** The plain-text part. */
    static String text(Digest digest) {
        return render(digest, Variant.TEXT_PLAIN);
    }

    private static String render(Digest digest, String contentType) {
        return digest(digest)
                .templateInstance()
                .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType))
                .render();
    }
}
