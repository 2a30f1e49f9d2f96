package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.ImportReport;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run's rejected entries are stored, in the one text column {@code rejections}: a line
 * each, {@code index<TAB>reason}, the first {@value #LISTED} of them; when there were more, a last
 * line {@code -1<TAB>N more not listed}. The only place that writes or reads that form.
 */
@Converter
public class RejectionLines implements AttributeConverter<List<ImportReport.Rejection>, String> {

    static final int LISTED = 200;

    /** The rejections of a report as a run keeps them: the first {@value #LISTED}, then how many more. */
    static List<ImportReport.Rejection> listed(ImportReport report) {
        List<ImportReport.Rejection> all = report.rejected;
        if (all.size() <= LISTED) {
            return new ArrayList<>(all);
        }
        List<ImportReport.Rejection> listed = new ArrayList<>(all.subList(0, LISTED));
        listed.add(new ImportReport.Rejection(-1, (report.rejectedCount() - LISTED) + " more not listed"));
        return listed;
    }

    @Override
    public String convertToDatabaseColumn(List<ImportReport.Rejection> rejections) {
        if (rejections == null || rejections.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        for (ImportReport.Rejection rejection : rejections) {
            lines.append(rejection.index())
                    .append('\t')
                    .append(rejection.reason().replace('\n', ' '))
                    .append('\n');
        }
        return lines.toString();
    }

    @Override
    public List<ImportReport.Rejection> convertToEntityAttribute(String column) {
        List<ImportReport.Rejection> rejections = new ArrayList<>();
        if (column != null) {
            for (String line : column.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    rejections.add(new ImportReport.Rejection(
                            Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1)));
                }
            }
        }
        return rejections;
    }
}
