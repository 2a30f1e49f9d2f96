package dev.paperdigest.deploy;

import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A place in a parsed YAML document, and the file it came from; a missing place has no value. */
record Yaml(String file, Object value) {

    /** Every document of the file; a syntax error or a key given twice fails, naming the file. */
    static List<Yaml> documents(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Yaml> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path)) {
            for (Object document : new org.yaml.snakeyaml.Yaml(options).loadAll(reader)) {
                if (document != null) {
                    documents.add(new Yaml(path.toString(), document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new AssertionError(path + " is no valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    Yaml get(String... keys) {
        Object at = value;
        for (String key : keys) {
            at = at instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return new Yaml(file, at);
    }

    boolean exists() {
        return value != null;
    }

    /** The scalar as text; null when missing. */
    String text() {
        return value == null ? null : String.valueOf(value);
    }

    List<Yaml> items() {
        List<Yaml> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(new Yaml(file, item)));
        }
        return items;
    }

    Map<String, Yaml> entries() {
        Map<String, Yaml> entries = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> entries.put(String.valueOf(key), new Yaml(file, item)));
        }
        return entries;
    }
}
