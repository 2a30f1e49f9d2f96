package dev.paperdigest.digests;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/** The digest email: {@code DigestMails/digest.html} and {@code .txt}, sent as multipart/alternative. */
@CheckedTemplate(basePath = "DigestMails")
public class DigestMails {

    public static native MailTemplateInstance digest(Digest digest);
}
