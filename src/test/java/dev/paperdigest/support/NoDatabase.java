package dev.paperdigest.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that starts no application and touches no database (the matching engine,
 * parsers, the SMTP client): the build runs it in the first (H2) pass only, and the pass on
 * embedded PostgreSQL leaves it out by its tag (pom.xml, execution {@code postgresql-test}).
 * Never put it on a {@code @QuarkusTest}: that class would no longer be tested on PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(NoDatabase.TAG)
public @interface NoDatabase {

    String TAG = "no-database";
}
