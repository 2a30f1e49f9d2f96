package dev.paperdigest.subscriptions;

/** What a signed link lets its holder do; a link for one purpose is refused for any other. */
public enum LinkPurpose {
    CONFIRM('c'),
    MANAGE('m'),
    UNSUBSCRIBE('u'),
    /** Reading the personal Atom feed, and nothing else: feed readers and the services behind them hold it. */
    FEED('f'),
    /**
     * Voting "more like this" or "fewer like this" on a paper of a digest, and nothing else: one
     * link per digest, the paper and the vote beside it in the address.
     */
    FEEDBACK('v');

    final char code;

    LinkPurpose(char code) {
        this.code = code;
    }
}
