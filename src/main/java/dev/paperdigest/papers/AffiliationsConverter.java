package dev.paperdigest.papers;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line per author, empty lines kept (unlike {@link dev.paperdigest.common.LinesConverter}), so
 * the list stays aligned with {@link Paper#authors}. Null when no affiliation is known at all.
 */
@Converter
public class AffiliationsConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> lines) {
        if (lines == null || lines.stream().allMatch(String::isEmpty)) {
            return null;
        }
        return String.join("\n", lines);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(column.split("\n", -1)));
    }
}
