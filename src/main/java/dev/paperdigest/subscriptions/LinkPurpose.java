package dev.paperdigest.subscriptions;

/** What a signed link lets its holder do; a link for one purpose is refused for any other. */
public enum LinkPurpose {
    CONFIRM('c'),
    MANAGE('m'),
    UNSUBSCRIBE('u'),
    /** Reading the personal Atom feed, and nothing else: feed readers and the services behind them hold it. */
    FEED('f');

    final char code;

    LinkPurpose(char code) {
        this.code = code;
    }
}
