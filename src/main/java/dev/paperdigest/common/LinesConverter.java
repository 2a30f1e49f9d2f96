package dev.paperdigest.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/** Stores an ordered list of single-line strings as one text column, a line each. */
@Converter
public class LinesConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> lines) {
        return lines == null ? "" : String.join("\n", lines);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        List<String> lines = new ArrayList<>();
        if (column != null && !column.isEmpty()) {
            for (String line : column.split("\n")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
