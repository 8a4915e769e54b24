package org.losslandscape.pipeline;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.pipeline.summary.PlantedBackArrow;

/**
 * The packages of the pipeline depend on each other one way only, tier by tier from the command
 * line down to the models module: a package may use the packages of any lower tier, none of its own
 * tier and none above. An arrow back up (say the Spark job taking the CLI's arguments, or a summary
 * record taking a stage's result) fails this test. The models module's own packages are checked by
 * its ArchitectureTest; here they are one bottom layer.
 */
class ArchitectureTest {

  private static final String PIPELINE = "org.losslandscape.pipeline";

  /**
   * Top first. Each inner list is one tier; its packages are independent of each other. {@code
   * study} is the top-level package alone (StudyPipeline, PipelineModule, ProtocolStudy, ...).
   */
  private static final List<List<String>> TIERS =
      List.of(
          // The command line: parses, wires and starts everything else.
          List.of("cli"),
          // Whole jobs the commands start beside a study: sweeps (also on Spark) and benchmarks.
          List.of("sweep", "bench"),
          // A study: the Guice wiring and the order of the stages.
          List.of("study"),
          // The stages a study is made of.
          List.of("stages"),
          // The HTML report, drawn from the results folder.
          List.of("report"),
          // Result files, figures, progress display, the data set, model files made elsewhere.
          List.of("results", "plot", "progress", "data", "imports"),
          // The summary records of summary.json, and file formats.
          List.of("summary", "io"),
          // The verdict's analysis and records.
          List.of("verdict"),
          // Settings of every kind.
          List.of("config"),
          // The models module: TensorFlow and the maths.
          List.of("models"));

  /** The tiers above as one ArchUnit rule: each package may only access lower tiers. */
  static final ArchRule LAYERS = rule();

  private static ArchRule rule() {
    var architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<String> tier : TIERS) {
      for (String name : tier) {
        architecture = architecture.layer(name).definedBy(packages(name));
      }
    }
    for (int t = 0; t < TIERS.size(); t++) {
      List<String> below = new ArrayList<>();
      TIERS.subList(t + 1, TIERS.size()).forEach(below::addAll);
      for (String name : TIERS.get(t)) {
        architecture =
            below.isEmpty()
                ? architecture.whereLayer(name).mayNotAccessAnyLayer()
                : architecture.whereLayer(name).mayOnlyAccessLayers(below.toArray(String[]::new));
      }
    }
    return architecture
        .ensureAllClassesAreContainedInArchitecture()
        .because("dependencies go one way, from the command line down to the models");
  }

  private static String packages(String name) {
    return switch (name) {
      case "study" -> PIPELINE; // the top-level package alone, not its sub-packages
      case "models" -> "org.losslandscape.models..";
      default -> PIPELINE + "." + name + "..";
    };
  }

  /**
   * The main classes of both modules, and of the test classes only {@code testClasses}. The
   * importer reads the folders (or jars) the classes came from, not the whole class path.
   */
  private static JavaClasses mainClassesAnd(Class<?>... testClasses) {
    List<String> extra = Stream.of(testClasses).map(Class::getSimpleName).toList();
    List<URL> roots =
        Stream.concat(
                Stream.of(PipelineModule.class, MlpArchitecture.class), Stream.of(testClasses))
            .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
            .distinct()
            .toList();
    return new ClassFileImporter()
        .withImportOption(
            location ->
                ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                    || extra.stream().anyMatch(location::contains))
        .importUrls(roots);
  }

  @Test
  void everyArrowPointsDown() {
    LAYERS.check(mainClassesAnd());
  }

  /** The rule is not vacuous: one planted class in summary that uses stages is caught. */
  @Test
  void aBackArrowFails() {
    List<String> details =
        LAYERS.evaluate(mainClassesAnd(PlantedBackArrow.class)).getFailureReport().getDetails();
    assertThat(details)
        .isNotEmpty()
        .allMatch(d -> d.contains(PlantedBackArrow.class.getName()), "names the planted class")
        .anyMatch(d -> d.contains(PIPELINE + ".stages"));
  }
}
