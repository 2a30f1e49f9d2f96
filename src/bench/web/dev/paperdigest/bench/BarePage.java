package dev.paperdigest.bench;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The yardstick of figure 4 (docs/PERFORMANCE.md): a bare Qute page listing 25 rows, rendered on
 * every request, in the same process as the pages measured. Only in the build of the web
 * benchmark ({@code -Pbench-web}), never in the service.
 */
@Path("/bench/bare")
public class BarePage {

    record Row(int rank, String title, String authors) {}

    private static final List<Row> ROWS = IntStream.rangeClosed(1, 25)
            .mapToObj(
                    i -> new Row(i, "A paper on subject number " + i, "Ada Lovelace, Alan Turing and " + i + " others"))
            .toList();

    private final Template page;

    public BarePage(Engine engine) {
        this.page = engine.parse("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bare page</title></head>
                <body><h1>Papers</h1><ol>{#for row in rows}<li><strong>{row.title}</strong> by {row.authors} (#{row.rank})</li>{/for}</ol></body></html>
                """);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String get() {
        return page.data("rows", ROWS).render();
    }
}
