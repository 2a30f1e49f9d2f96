package dev.paperdigest.subscriptions;

import dev.paperdigest.papers.Paper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.util.List;

/** Today's trending papers and the sign-up box: the front page, where papers meet subscriptions. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    static final int PAPERS_SHOWN = 30;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(LocalDate day, List<Paper> papers, SubscriptionForm form);
    }

    @GET
    public TemplateInstance home() {
        LocalDate day = Paper.newestListingDay().orElse(null);
        List<Paper> papers = day == null ? List.of() : Paper.listTrending(day, PAPERS_SHOWN);
        return Templates.home(day, papers, SubscriptionForm.blank());
    }
}
