package dev.paperdigest.papers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines, one paper per line, for imports from anywhere else:
 * <pre>{"arxiv_id":"2401.01234v2","title":"…","abstract":"…","authors":["Ana Núñez","Bo Li"],
 *  "categories":["cs.CL","cs.LG"],"published":"2024-01-02T18:00:00Z", …}</pre>
 * Fields: {@code arxiv_id} (or {@code id}; a version suffix is taken as the version),
 * {@code title}, {@code abstract} (or {@code summary}), {@code authors} (array of names or of
 * {@code {"name"}} objects, or one string with names separated by commas), {@code categories}
 * (array or space/comma separated, primary first), {@code published}, {@code updated} (ISO-8601
 * instant or date), {@code version}, {@code comment}, {@code journal_ref}, {@code doi},
 * {@code upvotes}, {@code num_comments}, {@code github_repo}, {@code project_page},
 * {@code listed_on} (date: the day the paper belongs to; without it, the arXiv announcement day
 * of {@code published}, see {@link ArxivAnnouncement}). Unknown fields are ignored.
 *
 * <p>Each line stands alone: a line that is not JSON is rejected with its reason and the next line
 * is read. Blank lines are not entries. Text is cleaned with {@link PaperText#clean}.
 */
@ApplicationScoped
public class JsonLinesParser implements PaperFeedParser {

    public static final String SOURCE = "import";

    private final ObjectMapper mapper;

    public JsonLinesParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void parse(InputStream in, Sink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int index = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int current = index++;
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                sink.reject(current, "line is not JSON: " + e.getOriginalMessage());
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.reject(current, "line is not a JSON object");
                continue;
            }
            try {
                sink.accept(current, toRecord(node));
            } catch (IllegalArgumentException e) {
                sink.reject(current, e.getMessage());
            }
        }
    }

    PaperRecord toRecord(JsonNode line) {
        String rawId = text(line, "arxiv_id", "id");
        ArxivId id = ArxivId.parse(rawId).orElseThrow(() -> new IllegalArgumentException("not an arXiv id: " + rawId));
        Integer version = integer(line, "version");
        Instant published = instant(line, "published");
        LocalDate listedOn = date(line, "listed_on");
        return new PaperRecord(
                id.id(),
                version != null ? version : id.version(),
                PaperText.clean(text(line, "title")),
                PaperText.clean(text(line, "abstract", "summary")),
                authors(line.get("authors")),
                words(line.get("categories")),
                published,
                instant(line, "updated"),
                integer(line, "upvotes"),
                integer(line, "num_comments"),
                SOURCE,
                listedOn != null ? listedOn : ArxivAnnouncement.dayOf(published),
                PaperText.clean(text(line, "comment")),
                PaperText.clean(text(line, "journal_ref")),
                PaperText.clean(text(line, "doi")),
                text(line, "github_repo"),
                text(line, "project_page"),
                null,
                List.of());
    }

    private static List<String> authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (node.isTextual()) {
            for (String name : node.asText().split("\\s*,\\s*|\\s+and\\s+")) {
                addName(names, name);
            }
        } else if (node.isArray()) {
            for (JsonNode author : node) {
                addName(names, author.isObject() ? author.path("name").asText(null) : author.asText(null));
            }
        } else {
            throw new IllegalArgumentException("authors must be an array or a string");
        }
        return names;
    }

    private static void addName(List<String> names, String raw) {
        String name = PaperText.clean(raw);
        if (name != null && !name.isEmpty()) {
            names.add(name);
        }
    }

    private static List<String> words(JsonNode node) {
        List<String> words = new ArrayList<>();
        if (node == null || node.isNull()) {
            return words;
        }
        List<String> raw = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> raw.add(n.asText()));
        } else {
            raw.add(node.asText());
        }
        for (String part : raw) {
            for (String word : part.split("[\\s,]+")) {
                if (!word.isEmpty() && !words.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && value.isValueNode()) {
                return value.asText();
            }
        }
        return null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException(field + " is not a whole number: " + value);
        }
        return value.asInt();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable " + field + ": " + value);
        }
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable " + field + ": " + value);
        }
    }
}
