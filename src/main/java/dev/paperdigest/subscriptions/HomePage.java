package dev.paperdigest.subscriptions;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The front page, where papers meet subscriptions: a day's papers (by default the latest day of
 * trending papers) with the days around it, a search in the subscription language, and the
 * sign-up box. A day or a search that cannot be read is answered 400 with the default day and a
 * message next to the field.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(HomeView view, SubscriptionForm form);
    }

    private final HomePapers papers;
    private final RenderedHomePages rendered;

    public HomePage(HomePapers papers, RenderedHomePages rendered) {
        this.papers = papers;
        this.rendered = rendered;
    }

    /**
     * @param day  the day to show, YYYY-MM-DD
     * @param date the same as {@code day}, which wins when both are given
     * @param sort {@code trending} (most upvoted first, the default) or {@code newest}
     * @param q    a keyword query, as a subscription's keyword line
     * @param page the page of a long day, from 1
     */
    @GET
    public RestResponse<String> home(
            @RestQuery String day,
            @RestQuery String date,
            @RestQuery String sort,
            @RestQuery String q,
            @RestQuery String page) {
        RenderedHomePages.Rendered answer = rendered.get(HomeQuery.of(day, date, sort, q, page), this::render);
        return answer.refused()
                ? RestResponse.status(RestResponse.Status.BAD_REQUEST, answer.html())
                : RestResponse.ok(answer.html());
    }

    private RenderedHomePages.Rendered render(HomeQuery query) {
        HomeView view = papers.view(query);
        return new RenderedHomePages.Rendered(
                Templates.home(view, SubscriptionForm.blank()).render(), view.hasErrors());
    }
}
