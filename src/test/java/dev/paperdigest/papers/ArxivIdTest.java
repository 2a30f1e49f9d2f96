package dev.paperdigest.papers;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArxivIdTest {

    @Test
    void parsesEveryFormAnIdComesIn() {
        assertEquals(Optional.of(new ArxivId("2401.01234", 2)), ArxivId.parse("2401.01234v2"));
        assertEquals(Optional.of(new ArxivId("2401.01234", null)), ArxivId.parse(" arXiv:2401.01234 "));
        assertEquals(
                Optional.of(new ArxivId("2401.01234", 3)), ArxivId.parse("https://arxiv.org/pdf/2401.01234v3.pdf"));
        assertEquals(Optional.of(new ArxivId("hep-th/9901001", null)), ArxivId.parse("HEP-TH/9901001"));
        assertEquals(Optional.of(new ArxivId("math.AG/0101001", 1)), ArxivId.parse("math.ag/0101001v1"));
        assertEquals(Optional.empty(), ArxivId.parse("demo-1"));
        assertEquals(Optional.empty(), ArxivId.parse(null));
    }

    @Test
    void aBaseIdIsTheFormPapersAreKeyedBy() {
        assertTrue(ArxivId.isBaseId("2401.01234"));
        assertTrue(ArxivId.isBaseId("2401.0123"));
        assertTrue(ArxivId.isBaseId("hep-th/9901001"));
        assertTrue(ArxivId.isBaseId("math.AG/0101001"));
        assertFalse(ArxivId.isBaseId("2401.01234v2"), "a version");
        assertFalse(ArxivId.isBaseId("arXiv:2401.01234"), "a prefix");
        assertFalse(ArxivId.isBaseId("HEP-TH/9901001"), "not as stored");
        assertFalse(ArxivId.isBaseId(" 2401.01234"));
        assertFalse(ArxivId.isBaseId("demo-1"));
        assertFalse(ArxivId.isBaseId(null));
    }
}
