package dev.paperdigest.deploy;

import dev.paperdigest.common.SiteConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service's own keys ({@code digest.*}): every property of the {@code @ConfigMapping} interfaces
 * of the application, named and defaulted as SmallRye Config maps them (prefix, kebab-case,
 * nested groups, maps, {@code @WithName}, {@code @WithDefault}).
 */
final class ServiceKeys {

    record Key(String name, Optional<String> defaultValue, Class<?> mapping) {

        String environmentVariable() {
            return ConfigNames.environmentVariable(name);
        }

        boolean isSetBy(String variable) {
            return ConfigNames.variablePattern(name).matcher(variable).matches();
        }
    }

    private ServiceKeys() {}

    static List<Key> all() {
        List<Key> keys = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            Map<String, Property> properties = ConfigMappings.getProperties(ConfigClass.configClass(mapping, prefix));
            properties.forEach((name, property) -> {
                if (!name.endsWith("[*]")) { // a list's indexed spelling, beside its plain key
                    keys.add(new Key(
                            name,
                            property.hasDefaultValue() ? Optional.of(property.getDefaultValue()) : Optional.empty(),
                            mapping));
                }
            });
        }
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    /** The {@code @ConfigMapping} interfaces among the application's compiled classes. */
    static List<Class<?>> mappings() {
        Path classes = applicationClasses();
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .<Class<?>>map(file -> load(classes, file))
                    .filter(type -> type.isInterface() && type.isAnnotationPresent(ConfigMapping.class))
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path applicationClasses() {
        try {
            return Path.of(SiteConfig.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(Path classes, Path file) {
        String relative = classes.relativize(file).toString();
        String name = relative.substring(0, relative.length() - ".class".length())
                .replace(file.getFileSystem().getSeparator(), ".");
        try {
            return Class.forName(name, false, ServiceKeys.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
