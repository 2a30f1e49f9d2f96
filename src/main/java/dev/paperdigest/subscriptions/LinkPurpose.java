package dev.paperdigest.subscriptions;

/** What a signed link lets its holder do; a link for one purpose is refused for any other. */
public enum LinkPurpose {
    CONFIRM('c'),
    MANAGE('m'),
    UNSUBSCRIBE('u');

    final char code;

    LinkPurpose(char code) {
        this.code = code;
    }
}
