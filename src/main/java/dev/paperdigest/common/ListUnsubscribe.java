package dev.paperdigest.common;

import io.quarkus.mailer.Mail;

/** RFC 2369 and RFC 8058 headers, so mail clients offer a one-click unsubscribe button. */
public final class ListUnsubscribe {

    private ListUnsubscribe() {}

    public static Mail headers(Mail mail, String unsubscribeUrl) {
        return mail.addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
}
