package org.layerlab.ui;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/** The data sets bundled in the {@code samples/} folder, offered in the Samples menu. */
public enum Sample {
    IRIS("Iris flowers", "iris/iris.csv", List.of(),
            "150 flowers, 4 measurements, 3 species. Small and quick: a good first try."),
    DIGITS("Handwritten digits (8×8)", "digits8x8/digits.csv", List.of(),
            "1,797 tiny images of handwritten digits, 64 pixels each."),
    TITANIC("Titanic passengers", "titanic/titanic.csv",
            List.of("name", "ticket", "boat", "body", "home.dest", "cabin"),
            "1,309 passengers: predict who survived."),
    MNIST_IMAGES("MNIST (400 images)", "mnist-small", List.of(),
            "400 handwritten digits as 28×28 PNG images, one folder per digit, already split into train/ and test/."),
    DIABETES("Diabetes progression (regression)", "diabetes/diabetes.csv", List.of(),
            "442 patients, 10 measurements: predict a number, the disease's progression a year later.");

    /** System property naming the samples folder (the tests point it at the project's samples/). */
    public static final String FOLDER_PROPERTY = "layerlab.samples";

    private final String title;
    private final String relativePath;
    private final List<String> excludedByDefault;
    private final String description;

    Sample(String title, String relativePath, List<String> excludedByDefault, String description) {
        this.title = title;
        this.relativePath = relativePath;
        this.excludedByDefault = excludedByDefault;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /**
     * Columns left out of the features when the sample opens. For the Titanic data, "boat" and "body" are
     * only known after the sinking and give the answer away; names, tickets and cabins are identifiers.
     */
    public List<String> excludedByDefault() {
        return excludedByDefault;
    }

    /** The note shown with the data when this sample opens, or empty. */
    public Optional<String> note() {
        if (excludedByDefault.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Left out by default: " + String.join(", ", excludedByDefault)
                + ". 'boat' and 'body' are only known after the sinking and would give the answer away; the others"
                + " are names and codes. Tick them under Columns to use them anyway.");
    }

    /** The sample's file (or image folder), if the samples folder can be found. */
    public Optional<Path> locate() {
        return folder().map(f -> f.resolve(relativePath))
                .filter(path -> isImageFolder() ? Files.isDirectory(path) : Files.isRegularFile(path));
    }

    /** Whether the sample is a folder of images rather than a table. */
    public boolean isImageFolder() {
        return !relativePath.contains(".");
    }

    /**
     * The samples folder: the {@value #FOLDER_PROPERTY} system property if set, else {@code ./samples}, else a
     * {@code samples} folder next to the LayerLab jar (or next to {@code target/} when run from a build).
     */
    public static Optional<Path> folder() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        Path working = Path.of("samples");
        if (Files.isDirectory(working)) {
            return Optional.of(working.toAbsolutePath());
        }
        return besideCode();
    }

    private static Optional<Path> besideCode() {
        try {
            CodeSource source = Sample.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (Path dir = location.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("samples");
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
                if (location.getParent().getParent() != null && dir.equals(location.getParent().getParent())) {
                    break; // look at most two levels up: beside the jar, or beside target/
                }
            }
        } catch (URISyntaxException | RuntimeException unknown) {
            // No code location (e.g. a custom class loader): there is no folder to find.
        }
        return Optional.empty();
    }
}
