package org.losslandscape.models;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.curvature.PlantedBackArrow;

/**
 * The packages of the models module depend on each other one way only, tier by tier from the
 * measures down to the data: a package may use the packages of any lower tier, none of its own tier
 * and none above. An arrow back up (say curvature taking a type of sharpness) fails this test.
 */
class ArchitectureTest {

  /** Top first. Each inner list is one tier; its packages are independent of each other. */
  private static final List<List<String>> TIERS =
      List.of(
          // What is measured on a trained model: sharpness (slices, worst and average case), norms,
          // trajectories and interpolation paths.
          List.of("sharpness", "norms", "trajectory", "interpolation"),
          // The computations those measures are made of.
          List.of("landscape", "curvature", "training"),
          // A network's loss at given weights, and directions in weight space.
          List.of("evaluation", "directions"),
          // Parameters of any network, and the MLP with its own fast graphs.
          List.of("mlp"),
          // Networks as layers and the graphs built from them, and how TensorFlow runs a graph.
          List.of("network", "tf"),
          // Leaves: devices, labelled data, plain statistics.
          List.of("device", "data", "statistics"));

  /** The tiers above as one ArchUnit rule: each package may only access lower tiers. */
  static final ArchRule LAYERS = rule();

  private static ArchRule rule() {
    var architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<String> tier : TIERS) {
      for (String name : tier) {
        architecture =
            architecture.layer(name).definedBy("org.losslandscape.models." + name + "..");
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
        .ensureAllClassesAreContainedInArchitectureIgnoring("org.losslandscape.models")
        .because("dependencies go one way, from the measures down to the data");
  }

  @Test
  void everyArrowPointsDown() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.losslandscape.models");
    LAYERS.check(main);
  }

  /** The rule is not vacuous: one planted class in curvature that uses sharpness is caught. */
  @Test
  void aBackArrowFails() {
    JavaClasses withPlant =
        new ClassFileImporter()
            .withImportOption(
                location ->
                    ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                        || location.contains(PlantedBackArrow.class.getSimpleName()))
            .importPackages("org.losslandscape.models");
    EvaluationResult result = LAYERS.evaluate(withPlant);
    List<String> details = result.getFailureReport().getDetails();
    assertThat(details)
        .isNotEmpty()
        .allMatch(d -> d.contains(PlantedBackArrow.class.getName()), "names the planted class")
        .anyMatch(d -> d.contains("org.losslandscape.models.sharpness"));
  }
}
