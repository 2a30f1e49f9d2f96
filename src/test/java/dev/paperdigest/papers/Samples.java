package dev.paperdigest.papers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real upstream responses (Hugging Face JSON, arXiv Atom), kept in src/test/resources/formats. */
public final class Samples {

    private Samples() {}

    public static InputStream open(String name) {
        InputStream in = Samples.class.getResourceAsStream("/formats/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no sample " + name);
        }
        return in;
    }

    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what a parser hands to its sink. */
    public static final class Collected implements PaperFeedParser.Sink {
        public final List<PaperRecord> records = new ArrayList<>();
        public final List<String> rejections = new ArrayList<>();

        @Override
        public void accept(int index, PaperRecord record) {
            records.add(record);
        }

        @Override
        public void reject(int index, String reason) {
            rejections.add(index + ": " + reason);
        }

        public PaperRecord byId(String id) {
            return records.stream()
                    .filter(r -> r.arxivId().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no record " + id + " among " + records.size()));
        }
    }
}
