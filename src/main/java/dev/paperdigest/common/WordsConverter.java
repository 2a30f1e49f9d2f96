package dev.paperdigest.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/** Stores a list of words (categories, source names) space separated. */
@Converter
public class WordsConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> words) {
        return words == null ? "" : String.join(" ", words);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        List<String> words = new ArrayList<>();
        if (column != null) {
            for (String word : column.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
