package dev.paperdigest.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages for a form, by field name, in the order the person will read them. */
public class FormErrors {

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    public void add(String field, String message) {
        byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }

    public List<String> all() {
        return byField.values().stream().flatMap(List::stream).toList();
    }
}
