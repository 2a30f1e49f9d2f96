package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /digest/preview?token=}: the manage link's holder sees their next digest as it stands. */
@Path("/digest/preview")
public class DigestPreviewPage {

    private final DigestPreviews previews;
    private final LinkTokens tokens;

    public DigestPreviewPage(DigestPreviews previews, LinkTokens tokens) {
        this.previews = previews;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String preview(@QueryParam("token") String token) {
        return previews.html(tokens.verify(token, LinkPurpose.MANAGE));
    }
}
