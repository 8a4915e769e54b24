package org.losslandscape.pipeline.stages;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.cli.ParsedSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.StudySettings;

/**
 * A tiny study built stage by stage with the tool's own wiring, once per test JVM, for the stage
 * tests: the committed Fashion-MNIST subset, two recipes of a 784-16-10 network trained for 3
 * steps, one 5x5 slice each on 60 samples. Each stage test checks its own stage on these real
 * products; a test that writes files gives its stage a folder of its own ({@link #output}).
 */
final class TinyStages {

  /** The two recipes, in study order. */
  static final List<String> RECIPES = List.of("high_lr_small_batch", "low_lr_large_batch");

  private TinyStages() {}

  /** The subset's folder. */
  static Path subset() {
    try {
      return Path.of(TinyStages.class.getResource("/fashion-mnist-subset").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The tiny study's settings with results in {@code out}, its cache in {@code cache}; {@code
   * overrides} are option-value pairs that replace the tiny study's own or add to them.
   */
  static StudySettings settings(Path out, Path cache, String... overrides) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--data-dir", subset().toString());
    options.put("--out", out.toString());
    options.put("--cache-dir", cache.toString());
    options.put("--configs", String.join(",", RECIPES));
    options.put("--steps", "3");
    options.put("--seeds", "1");
    options.put("--hidden", "16");
    options.put("--grid-size", "5");
    options.put("--landscape-samples", "60");
    options.put("--direction-pairs", "1");
    options.put("--eps", "0.5,1.0");
    options.put("--measures", "none");
    options.put("--device", "cpu");
    options.put("--lanes", "1");
    options.put("--progress", "log");
    for (int i = 0; i < overrides.length; i += 2) {
      options.put(overrides[i], overrides[i + 1]);
    }
    List<String> args = new ArrayList<>();
    options.forEach(
        (option, value) -> {
          args.add(option);
          args.add(value);
        });
    return ParsedSettings.study(args.toArray(String[]::new));
  }

  /** The tool's wiring for {@code settings}, on the CPU. */
  static Injector injector(StudySettings settings) {
    return Guice.createInjector(
        new PipelineModule(settings, PipelineModule.chooseDevice(settings.device())));
  }

  /** {@code settings}' output settings with the results folder moved to {@code folder}. */
  static OutputSettings output(StudySettings settings, Path folder) {
    OutputSettings o = settings.output();
    return new OutputSettings(folder, o.plots(), o.logScale(), o.progress());
  }

  /** The shared study (built on first use). */
  static Study study() {
    return Holder.STUDY;
  }

  /** What the stages produced, in the order the pipeline runs them. */
  record Study(
      StudySettings settings,
      Injector injector,
      PreparedData data,
      List<TrainedModel> models,
      LandscapeSamples samples,
      List<ModelLandscape> landscapes) {

    /** The results as the later stages get them (no raw slice, no other measures). */
    StudyResults results() {
      return new StudyResults(
          data,
          settings.training().recipes(),
          models,
          landscapes,
          samples,
          Optional.empty(),
          List.of());
    }

    /** The slices of {@code model}. */
    ModelLandscape landscapeOf(TrainedModel model) {
      return landscapes.stream().filter(l -> l.run().equals(model.run())).findFirst().orElseThrow();
    }

    /** The study's results folder. */
    Path out() {
      return settings.output().directory();
    }

    /** The study's cache folder. */
    Path cache() {
      return settings.cache().directory();
    }
  }

  private static final class Holder {
    static final Study STUDY = build();

    private static Study build() {
      try {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "tiny-stages-").toAbsolutePath();
        StudySettings settings = settings(dir.resolve("out"), dir.resolve("cache"));
        Injector injector = injector(settings);
        PreparedData data = injector.getInstance(LoadDataStage.class).run();
        List<TrainedModel> models = injector.getInstance(TrainStage.class).run(data);
        LandscapeSamples samples =
            LandscapeSamples.forStudy(
                settings.slice(), data, settings.training().smallestTrainExamples());
        List<ModelLandscape> landscapes =
            injector
                .getInstance(LandscapeStage.class)
                .run(models.stream().map(TrainedModel::weights).toList(), samples);
        return new Study(settings, injector, data, models, samples, landscapes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
