package dev.paperdigest.papers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face {@code /api/daily_papers}: a JSON array of items, each with a {@code paper}. Reads
 * both the 2026 schema and the 2024 one (hard-wrapped titles, no {@code ai_*} fields).
 *
 * <p>Authors marked {@code hidden} are kept, in their place: {@code hidden} is set by an author who
 * claimed the paper and hid it from their own Hugging Face profile; they remain an author of the
 * paper (arXiv lists them too). Leaving them out would drop a real author from the middle of the
 * list, and author subscriptions would miss the paper.
 *
 * <p>{@code paper.publishedAt} is the arXiv date. The listing day, the day of Daily Papers the item
 * is on, is that of {@code paper.submittedOnDailyAt} (2026 schema), or else of the item's
 * {@code publishedAt} (the 2024 schema's moment it landed on Daily Papers), in UTC; a caller that
 * asked for a given day's list lists the items on that day instead.
 */
@ApplicationScoped
public class HfDailyPapersParser implements PaperFeedParser {

    public static final String SOURCE = "hf";

    private final ObjectMapper mapper;

    public HfDailyPapersParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void parse(InputStream in, Sink sink) throws IOException {
        try (JsonParser json = mapper.getFactory().createParser(in)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of daily papers");
            }
            int index = 0;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                JsonNode item = json.readValueAsTree();
                try {
                    sink.accept(index, toRecord(item));
                } catch (IllegalArgumentException e) {
                    sink.reject(index, e.getMessage());
                }
                index++;
            }
            if (json.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("entry " + index + " is not a JSON object");
            }
        }
    }

    PaperRecord toRecord(JsonNode item) {
        JsonNode paper = item.path("paper");
        if (!paper.isObject()) {
            throw new IllegalArgumentException("no \"paper\" object");
        }
        ArxivId id = ArxivId.parse(text(paper, "id"))
                .orElseThrow(() -> new IllegalArgumentException("not an arXiv id: " + text(paper, "id")));
        String title = PaperText.clean(firstText(paper, item, "title"));
        String summary = PaperText.clean(firstText(paper, item, "summary"));
        List<String> authors = new ArrayList<>();
        for (JsonNode author : paper.path("authors")) {
            String name = PaperText.clean(text(author, "name"));
            if (name != null && !name.isEmpty()) {
                authors.add(name);
            }
        }
        List<String> keywords = new ArrayList<>();
        for (JsonNode keyword : paper.path("ai_keywords")) {
            keywords.add(PaperText.clean(keyword.asText()));
        }
        Instant listedAt = paper.hasNonNull("submittedOnDailyAt")
                ? instant(paper, "submittedOnDailyAt")
                : instant(item, "publishedAt");
        return new PaperRecord(
                id.id(),
                null,
                title,
                summary,
                authors,
                List.of(),
                instant(paper, "publishedAt"),
                null,
                integer(paper, "upvotes"),
                integer(item, "numComments"),
                SOURCE,
                listedAt == null ? null : LocalDate.ofInstant(listedAt, ZoneOffset.UTC),
                null,
                null,
                null,
                text(paper, "githubRepo"),
                text(paper, "projectPage"),
                text(item, "thumbnail"),
                keywords);
    }

    private static String firstText(JsonNode first, JsonNode second, String field) {
        String value = text(first, field);
        return value != null ? value : text(second, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable date in " + field + ": " + value);
        }
    }
}
