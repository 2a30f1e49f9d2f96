package dev.paperdigest.deploy;

import dev.paperdigest.common.SiteConfig;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.paperdigest.deploy.DeployFilesTest.assertNoProblems;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/README.md's configuration reference is the service's: every digest.* key, with its default. */
@NoDatabase
class ConfigurationReferenceTest {

    static final Path README = Path.of("deploy", "README.md");
    static final String SECTION = "## Configuration reference";
    /** The default cell of a key without a default. */
    static final String UNSET = "(unset)";

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(digest\\.[^`]+)`\\s*\\|(.*)\\|(.*)\\|\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void listsEveryKeyOfTheServiceWithItsDefault() throws IOException {
        assertTrue(ServiceKeys.mappings().contains(SiteConfig.class), "the @ConfigMapping interfaces were not found");
        List<String> problems = new ArrayList<>();
        Map<String, String> documented = documented(problems);
        for (ServiceKeys.Key key : ServiceKeys.all()) {
            String expected = key.defaultValue().map(value -> "`" + value + "`").orElse(UNSET);
            String listed = documented.remove(key.name());
            if (listed == null) {
                problems.add(
                        key.name() + " (" + key.mapping().getSimpleName() + ", default " + expected + ") is missing");
            } else if (!listed.equals(expected)) {
                problems.add(key.name() + " has the default " + listed + ", "
                        + key.mapping().getSimpleName() + " says " + expected);
            }
        }
        documented.keySet().forEach(key -> problems.add(key + " is listed, but no @ConfigMapping interface has it"));
        assertNoProblems(README + " \"" + SECTION.substring(3) + "\"", problems);
    }

    /** Each key of the section's tables with its default cell: {@code `value`} or (unset). */
    private static Map<String, String> documented(List<String> problems) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(start >= 0, README + " has no section \"" + SECTION + "\"");
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line :
                readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String key = row.group(1);
            String defaultValue = row.group(2).strip();
            Matcher code = CODE.matcher(defaultValue);
            if (!defaultValue.equals(UNSET) && !(code.matches())) {
                problems.add(key + ": the default cell \"" + defaultValue + "\" is neither `value` nor " + UNSET);
            }
            if (row.group(3).isBlank()) {
                problems.add(key + " says nothing of what it means");
            }
            if (documented.put(key, defaultValue) != null) {
                problems.add(key + " is listed twice");
            }
        }
        return documented;
    }
}
