package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.SubscriptionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/**
 * {@code /feed?token=}: a subscriber's personal Atom feed ({@link PersonalFeeds}). A refused link
 * gets the page every refused link gets, with its status (400, 404 once unsubscribed, 410 when
 * expired), so a feed reader shows an error instead of an empty feed.
 */
@Path("/feed")
public class FeedPage {

    static final String ATOM = "application/atom+xml";

    private final SubscriptionService subscriptions;
    private final PersonalFeeds feeds;

    public FeedPage(SubscriptionService subscriptions, PersonalFeeds feeds) {
        this.subscriptions = subscriptions;
        this.feeds = feeds;
    }

    @GET
    @Produces(ATOM)
    public String feed(@QueryParam("token") String token) {
        return feeds.feed(subscriptions.forFeed(token), token).toXml();
    }
}
