package dev.paperdigest.common;

import io.quarkus.qute.TemplateGlobal;

import java.time.ZoneId;
import java.util.List;

/** Values every template can read. */
@TemplateGlobal
public class TemplateGlobals {

    /** Every region-based IANA zone id, for the time zone field's suggestions. */
    static final List<String> timeZones = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
            .sorted()
            .toList();
}
