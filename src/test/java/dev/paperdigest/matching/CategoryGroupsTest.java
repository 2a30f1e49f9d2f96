package dev.paperdigest.matching;

import dev.paperdigest.matching.ArxivCategories.Choice;
import dev.paperdigest.matching.ArxivCategories.Group;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The taxonomy the forms' picker shows: every category once, under arXiv's groups, each whole archive offered. */
@NoDatabase
class CategoryGroupsTest {

    @Test
    void everyCategoryIsOfferedOnceUnderArxivsGroups() {
        List<Group> groups = ArxivCategories.groups();
        assertThat(
                groups.stream().map(Group::name).toList(),
                contains(
                        "Computer Science",
                        "Economics",
                        "Electrical Engineering and Systems Science",
                        "Mathematics",
                        "Physics",
                        "Quantitative Biology",
                        "Quantitative Finance",
                        "Statistics"));
        List<String> offered = groups.stream()
                .flatMap(g -> g.choices().stream())
                .filter(c -> !c.isArchive())
                .map(Choice::code)
                .toList();
        assertEquals(List.copyOf(ArxivCategories.all().keySet()), offered);

        Map<String, String> byCode = groups.stream()
                .flatMap(g -> g.choices().stream())
                .collect(Collectors.toMap(Choice::code, Choice::name));
        assertEquals("Computation and Language", byCode.get("cs.CL"));
        assertEquals("Machine Learning", byCode.get("stat.ML"));
        assertEquals("Computer Science", byCode.get("cs.*"));
        assertEquals("Condensed Matter", byCode.get("cond-mat.*"));
        assertThat(offered, hasItem("quant-ph"));
        assertEquals(40, offered.stream().filter(c -> c.startsWith("cs.")).count());
        assertEquals(32, offered.stream().filter(c -> c.startsWith("math.")).count());
    }

    @Test
    void everyArchiveOfferedWholeCanBeFollowedWhole() throws InvalidQueryException {
        for (Group group : ArxivCategories.groups()) {
            assertTrue(group.choices().get(0).isArchive(), group + " starts with an archive offered whole");
            for (Choice choice : group.choices()) {
                assertEquals(choice.code(), ArxivCategories.validate(choice.code()));
            }
        }
    }
}
