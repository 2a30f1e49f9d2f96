package dev.paperdigest.digests;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * The digest email: {@code DigestMails/digest.html} and {@code .txt}, sent as
 * multipart/alternative, with each paper's {@code card} rendered apart (once per run for all
 * the digests that show it, around holes for what differs from reader to reader).
 */
@CheckedTemplate(basePath = "DigestMails")
public class DigestMails {

    public static native MailTemplateInstance digest(Digest digest);

    static native TemplateInstance card(Digest.Card card, PaperViews.Reader reader);

    /** The HTML part, as sent and as previewed: ASCII only. */
    static String html(Digest digest) {
        return AsciiHtml.of(variant(digest(digest).templateInstance(), Variant.TEXT_HTML));
    }

    /** The plain-text part. */
    static String text(Digest digest) {
        return variant(digest(digest).templateInstance(), Variant.TEXT_PLAIN);
    }

    static String cardHtml(Digest.Card card, PaperViews.Reader reader) {
        return variant(card(card, reader), Variant.TEXT_HTML);
    }

    static String cardText(Digest.Card card, PaperViews.Reader reader) {
        return variant(card(card, reader), Variant.TEXT_PLAIN);
    }

    private static String variant(TemplateInstance template, String contentType) {
        return template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType))
                .render();
    }
}
