package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.interpolation.InterpolationRange;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.InterpolationSettings;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.ProgressMode;
import org.losslandscape.pipeline.config.Protocol;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RecipePair;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepBackend;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.config.SweepSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.config.Variation;
import org.losslandscape.pipeline.measures.Measures;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of the study command maps to the setting it names (Trino's "full mapping" test): one
 * command line sets every option to a value that is not its default, and the resulting settings are
 * compared with settings written out by hand. A flag this test does not set fails it.
 */
class CommandLineMappingTest {

  private static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", "--verbose");

  private final Set<String> given = new HashSet<>();

  private StudySettings parse(String... args) {
    CommandLine cli = new CommandLine(new StudyCommand());
    cli.parseArgs(args);
    for (String a : args) {
      if (a.startsWith("--")) {
        given.add(a);
      }
    }
    return ((StudyCommand) cli.getCommand()).settings();
  }

  @Test
  void noOptionsGiveTheDefaults() {
    assertThat(parse()).isEqualTo(StudySettings.defaults());
  }

  @Test
  void everyFlagMapsToItsSetting() {
    StudySettings epochs =
        parse(
            "--data-dir",
            "/d",
            "--device",
            "cuda",
            "--require-gpu",
            "--threads",
            "3",
            "--steps-per-run",
            "4",
            "--lanes",
            "3",
            "--max-stack",
            "12",
            "--out",
            "/o",
            "--log-scale",
            "--no-plots",
            "--progress",
            "log",
            "--cache-dir",
            "/c",
            "--retrain",
            "--configs",
            "low_lr_large_batch,high_lr_small_batch",
            "--lr-high",
            "0.2",
            "--lr-low",
            "0.02",
            "--batch-small",
            "16",
            "--batch-large",
            "512",
            "--hidden",
            "32",
            "--init",
            "glorot",
            "--schedule",
            "warmup-cosine",
            "--momentum",
            "0.9",
            "--epochs",
            "3",
            "--seed",
            "7",
            "--seeds",
            "2",
            "--grid-size",
            "11",
            "--range",
            "-2:2",
            "--normalization",
            "layer",
            "--include-bias",
            "--landscape-samples",
            "500",
            "--landscape-split",
            "test",
            "--direction-seed",
            "9",
            "--direction-pairs",
            "2",
            "--sliced-seeds",
            "2",
            "--eps",
            "0.3,0.6",
            "--measures",
            "hessian,worst-case",
            "--m-sharpness",
            "128",
            "--trajectory",
            "--checkpoints",
            "9",
            "--interpolation",
            "--interpolation-pairs",
            "low_lr_large_batch:high_lr_small_batch",
            "--interpolation-range",
            "-1:2",
            "--interpolation-points",
            "31");
    assertThat(epochs)
        .isEqualTo(
            new StudySettings(
                DataSettings.idx(Path.of("/d")),
                new DeviceSettings(DeviceRequest.CUDA, true, 3, 4, 3, 12),
                new OutputSettings(Path.of("/o"), false, true, ProgressMode.LOG),
                new CacheSettings(Path.of("/c"), true),
                new TrainingSettings(
                    List.of(
                        new Recipe("high_lr_small_batch", 0.2, 16),
                        new Recipe("low_lr_large_batch", 0.02, 512)),
                    new org.losslandscape.pipeline.config.NetworkChoice.Mlp(List.of(32)),
                    Initialization.GLOROT,
                    LearningRateSchedule.warmupCosine(0.05),
                    Optimizer.sgd(),
                    0.9,
                    new TrainingBudget.Epochs(3),
                    7,
                    2),
                new SliceSettings(
                    new GridSpec(11, -2, 2),
                    Normalization.LAYER,
                    BiasRule.GAUSSIAN,
                    500,
                    DataSplit.TEST,
                    9,
                    2,
                    List.of(0.3, 0.6),
                    2),
                MeasureSettings.defaults()
                    .withSelected(Set.of("hessian", "worst-case"))
                    .withMSharpness(128),
                new TrajectorySettings(9, 0.25),
                new InterpolationSettings(
                    true,
                    new InterpolationRange(-1, 2, 31),
                    List.of(new RecipePair("low_lr_large_batch", "high_lr_small_batch")))));

    // Each of the features is turned on by any of its options, and only then.
    assertThat(parse("--trajectory").trajectory()).isEqualTo(TrajectorySettings.on(21));
    assertThat(parse("--checkpoints", "5").trajectory()).isEqualTo(TrajectorySettings.on(5));
    assertThat(parse("--interpolation").interpolation())
        .isEqualTo(new InterpolationSettings(true, InterpolationRange.defaults(), List.of()));
    assertThat(parse("--interpolation-points", "11").interpolation().enabled()).isTrue();
    assertThat(parse("--interpolation-range", "-1:2").interpolation().range())
        .isEqualTo(new InterpolationRange(-1, 2, 41));
    assertThat(
            parse("--interpolation-pairs", "high_lr_small_batch:low_lr_small_batch")
                .interpolation()
                .enabled())
        .isTrue();

    assertThat(parse("--measures", "all").measures().selected())
        .containsExactlyElementsOf(Measures.selectable());
    assertThat(parse("--measures", "worst-case,hessian").measures().selected())
        .as("in the registry's order")
        .containsExactly("hessian", "worst-case");

    // The data: npy arrays in either layout, two or four files; a folder; or Fashion-MNIST.
    assertThat(parse("--data-npy", "/x.npy,/y.npy", "--data-layout", "nchw").data())
        .isEqualTo(
            new DataSettings(
                new DataSettings.Source.NpyArrays(
                    Path.of("/x.npy"), Path.of("/y.npy"), Optional.empty(), ArrayLayout.NCHW)));
    assertThat(parse("--data-npy", "/a,/b,/c,/d").data())
        .isEqualTo(
            new DataSettings(
                new DataSettings.Source.NpyArrays(
                    Path.of("/a"),
                    Path.of("/b"),
                    Optional.of(new DataSettings.Source.TestArrays(Path.of("/c"), Path.of("/d"))),
                    ArrayLayout.NHWC)));
    assertThat(parse().data()).isEqualTo(DataSettings.defaults());

    assertThat(parse("--bias-rule", "li").slice().biasRule()).isEqualTo(BiasRule.LI);
    // Batch norm's parameters follow the biases unless --bn-rule says otherwise.
    assertThat(parse("--bias-rule", "li").slice().batchNormRule()).isEqualTo(BiasRule.LI);
    assertThat(parse("--bn-rule", "gaussian").slice().batchNormRule()).isEqualTo(BiasRule.GAUSSIAN);
    assertThat(parse("--bn-rule", "gaussian").slice().biasRule()).isEqualTo(BiasRule.ZERO);
    assertThat(parse("--bn-rule", "gaussian").slice().directions(2))
        .isEqualTo(
            new org.losslandscape.models.directions.DirectionSpec(
                org.losslandscape.models.directions.Normalization.FILTER,
                BiasRule.ZERO,
                BiasRule.GAUSSIAN,
                9));
    assertThat(parse("--sliced-seeds", "all").slice().slicedSeeds())
        .isEqualTo(SliceSettings.ALL_SEEDS);
    assertThat(parse("--sliced-seeds", "ALL").slice().slicedSeeds())
        .isEqualTo(SliceSettings.ALL_SEEDS);
    TrainingSettings sam =
        parse("--optimizer", "sam", "--rho", "0.1", "--asam-eta", "0.02").training();
    assertThat(sam.optimizer()).isEqualTo(Optimizer.sam(0.1));
    TrainingSettings named =
        parse("--configs", "asam_low_lr_large_batch,cosine_high_lr_small_batch").training();
    assertThat(named.recipes())
        .extracting(Recipe::name)
        .containsExactly("asam_low_lr_large_batch", "cosine_high_lr_small_batch");
    assertThat(named.optimizerOf(named.recipes().get(0)))
        .isEqualTo(Optimizer.asam(Optimizer.DEFAULT_ASAM_RHO, Optimizer.DEFAULT_ASAM_ETA));
    assertThat(named.scheduleOf(named.recipes().get(1)))
        .isEqualTo(LearningRateSchedule.warmupCosine(0.05));
    assertThat(named.optimizerOf(named.recipes().get(1))).isEqualTo(Optimizer.sgd());
    assertThat(parse("--optimizer", "momentum").training().momentum()).isEqualTo(0.9);
    assertThat(parse("--normalization", "element").slice().normalization())
        .isEqualTo(Normalization.ELEMENT);

    parse("--protocols", "all", "--epochs", "3", "--steps", "200", "--target-loss", "0.5");
    CommandLine withProtocols = new CommandLine(new StudyCommand());
    withProtocols.parseArgs("--protocols", "all", "--steps", "200", "--target-loss", "0.5");
    assertThat(SettingsFactory.protocols(((StudyCommand) withProtocols.getCommand()).training))
        .containsExactly(
            new Protocol("epochs", new TrainingBudget.Epochs(10)),
            new Protocol("steps", new TrainingBudget.Steps(200)),
            new Protocol("target-loss", new TrainingBudget.TargetLoss(0.5, 200_000)));

    assertThat(parse("--steps", "100").training().budget())
        .isEqualTo(new TrainingBudget.Steps(100));
    assertThat(parse("--target-loss", "0.3", "--max-steps", "500").training().budget())
        .isEqualTo(new TrainingBudget.TargetLoss(0.3, 500));

    // Networks: a built-in and its parameters, skips both ways, a JSON file, batch norm on slices.
    assertThat(
            parse("--model", "resnet", "--depth", "14", "--width", "4", "--skip", "no")
                .training()
                .network())
        .isEqualTo(
            new org.losslandscape.pipeline.config.NetworkChoice.BuiltIn(
                org.losslandscape.pipeline.config.NetworkChoice.BuiltInName.RESNET, 14, 4, false));
    assertThat(
            parse("--model", "resnet", "--skip", "yes,no", "--configs", "high_lr_small_batch")
                .training()
                .recipes())
        .extracting(Recipe::name)
        .containsExactly("high_lr_small_batch_skip", "high_lr_small_batch_noskip");
    assertThat(parse("--bn-mode", "recompute").slice().batchNorm())
        .isEqualTo(org.losslandscape.models.network.BatchNormMode.RECOMPUTE);
    try {
      Path file = java.nio.file.Files.createTempFile("net", ".json");
      java.nio.file.Files.writeString(
          file,
          "{\"name\": \"tiny\", \"layers\": [{\"type\": \"flatten\"},"
              + " {\"type\": \"dense\", \"units\": 10}]}");
      var choice = parse("--model-file", file.toString()).training().network();
      assertThat(choice)
          .isInstanceOf(org.losslandscape.pipeline.config.NetworkChoice.FromFile.class);
      assertThat(choice.label()).isEqualTo("tiny");
      java.nio.file.Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    Set<String> all = new HashSet<>();
    for (OptionSpec option : new CommandLine(new StudyCommand()).getCommandSpec().options()) {
      all.add(option.longestName());
    }
    all.removeAll(NOT_SETTINGS);
    assertThat(given).as("options this test maps").containsAll(all);
  }

  /** The sweep command: its own flags, and the study's flags mapped as in the study. */
  @Test
  void everySweepFlagMapsToItsSetting() {
    CommandLine cli = new CommandLine(new SweepCommand());
    cli.parseArgs();
    SweepCommand defaults = (SweepCommand) cli.getCommand();
    SweepSettings defaultSweep = defaults.sweepSettings();
    assertThat(defaultSweep).isEqualTo(SweepSettings.defaults());
    StudySettings defaultStudy = defaults.settings(defaultSweep);
    assertThat(defaultStudy.training().recipes()).isEqualTo(SweepGrid.defaults().recipes());
    assertThat(defaultStudy.slice()).isEqualTo(SliceSettings.defaults());

    Set<String> sweepGiven = new HashSet<>();
    String[] args = {
      "--lrs",
      "0.3,0.003",
      "--batches",
      "64,2048",
      "--widths",
      "32",
      "--depths",
      "1,3",
      "--weight-decays",
      "0.0001",
      "--dropouts",
      "0.1",
      "--momenta",
      "0.5",
      "--optimizers",
      "sam",
      "--train-sizes",
      "5000",
      "--parallel",
      "3",
      "--seeds",
      "4",
      "--steps",
      "500",
      "--grid-size",
      "9",
      "--out",
      "/o"
    };
    for (String a : args) {
      if (a.startsWith("--")) {
        sweepGiven.add(a);
      }
    }
    cli = new CommandLine(new SweepCommand());
    cli.parseArgs(args);
    SweepCommand command = (SweepCommand) cli.getCommand();
    SweepSettings sweep = command.sweepSettings();
    assertThat(sweep)
        .isEqualTo(
            new SweepSettings(
                new SweepGrid(
                    List.of(0.3, 0.003),
                    List.of(64, 2048),
                    List.of(32),
                    List.of(1, 3),
                    List.of(0.0001),
                    List.of(0.1),
                    List.of(0.5),
                    List.of("sam"),
                    List.of(5000)),
                new SweepBackend.Embedded(3)));
    StudySettings settings = command.settings(sweep);
    assertThat(settings.training().recipes())
        .extracting(Recipe::name)
        .containsExactly(
            "lr0.3_b64_w32_d1_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.3_b64_w32_d3_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.3_b2048_w32_d1_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.3_b2048_w32_d3_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.003_b64_w32_d1_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.003_b64_w32_d3_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.003_b2048_w32_d1_wd0.0001_do0.1_m0.5_sam_n5000",
            "lr0.003_b2048_w32_d3_wd0.0001_do0.1_m0.5_sam_n5000");
    assertThat(settings.training().recipes().get(1).variation())
        .isEqualTo(
            new Variation(
                Optional.of(List.of(32, 32, 32)),
                Optional.of(0.0001),
                Optional.of(0.5),
                Optional.of(0.1),
                Optional.of(5000),
                Optional.empty()));
    assertThat(settings.training().seeds()).isEqualTo(4);
    assertThat(settings.training().budget()).isEqualTo(new TrainingBudget.Steps(500));
    assertThat(settings.slice().grid().size()).isEqualTo(9);
    assertThat(settings.output().directory()).isEqualTo(Path.of("/o"));

    cli = new CommandLine(new SweepCommand());
    cli.parseArgs("--master", "local[2]");
    assertThat(((SweepCommand) cli.getCommand()).sweepSettings().backend())
        .isEqualTo(new SweepBackend.Spark(Optional.of("local[2]")));
    sweepGiven.add("--master");

    // The sweep's own options are all mapped above; the others are the study's, mapped there.
    Set<String> own = new HashSet<>();
    for (OptionSpec option : new CommandLine(new SweepOptions()).getCommandSpec().options()) {
      own.add(option.longestName());
    }
    assertThat(sweepGiven).containsAll(own);
  }

  @Test
  void helpStatesTheDefaultsTheSettingsHave() {
    StringWriter out = new StringWriter();
    new CommandLine(new StudyCommand()).setOut(new PrintWriter(out)).execute("--help");
    String help = out.toString().replaceAll("\\s+", " ");
    TrainingSettings training = TrainingSettings.defaults();
    SliceSettings slice = SliceSettings.defaults();
    assertThat(training.budget()).isEqualTo(new TrainingBudget.Epochs(10));
    assertThat(help)
        .contains("Train N epochs (default: 10)")
        .contains("Hidden layer widths (default: 128,64)")
        .contains("(default: 0.1,0.25,0.5,1.0)")
        .contains("--grid-size=N Points per axis, odd >= 3 (default: " + slice.grid().size())
        .contains("(default: -1:1)")
        .contains("(default: " + training.firstSeed() + ")");
    assertThat(training.hidden()).containsExactly(128, 64);
    assertThat(slice.radii()).containsExactly(0.1, 0.25, 0.5, 1.0);
  }

  @Test
  void everyFlagTheErrorTableNamesIsARealOption() {
    Set<String> options = new HashSet<>();
    CommandLine study = new CommandLine(new StudyCommand());
    for (CommandLine command :
        List.of(
            study,
            study.getSubcommands().get("bench"),
            study.getSubcommands().get("landscape"),
            study.getSubcommands().get("interpolate"),
            study.getSubcommands().get("report"),
            study.getSubcommands().get("sweep"))) {
      command.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
    }
    assertThat(options).containsAll(FlagNames.flags());
  }
}
