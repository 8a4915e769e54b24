package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.plot.ChartGrid;
import org.losslandscape.pipeline.plot.HeatMapGrid;
import org.losslandscape.pipeline.plot.LandscapeFigureSet;
import org.losslandscape.pipeline.plot.PngEncoding;
import org.losslandscape.pipeline.plot.SharpnessBarChart;
import org.losslandscape.pipeline.plot.SurfaceData;
import org.losslandscape.pipeline.verdict.GapKind;
import org.losslandscape.pipeline.verdict.Measure;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictRecords;
import org.losslandscape.pipeline.verdict.VerdictRecords.MeasureVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;

/**
 * Draws the study's figures. Every multi-panel figure uses one colour scale for all its panels, so
 * equal colours mean equal losses across configurations.
 */
public final class PlotStage {

  private static final Logger LOG = LogManager.getLogger(PlotStage.class);
  private static final String ALPHA_TITLE = "α (direction d1 units)";

  private final SliceSettings settings;
  private final OutputSettings output;

  @Inject
  public PlotStage(SliceSettings settings, OutputSettings output) {
    this.settings = settings;
    this.output = output;
  }

  /** All figures of a study, with the verdict's view of its runs. */
  public void run(StudyResults results, List<RunMeasurements> runs, ProtocolVerdict verdict) {
    run(results);
    if (!runs.isEmpty()) {
      write("sharpness_vs_gap.png", sharpnessVersusGap(runs, verdict));
    }
    if (!verdict.axes().isEmpty() && !verdict.measures().isEmpty()) {
      write("generalization_scores.png", generalizationScores(verdict, GapKind.ERROR_GAP));
    }
    if (verdict.correlations().names().size() > 1) {
      write("measure_correlations.png", measureCorrelations(verdict));
    }
    List<ChartGrid.Panel> spectra = new ArrayList<>();
    for (RecipeAggregate a : results.aggregates()) {
      results
          .measuresOf(a.primary().run())
          .flatMap(r -> r.resultOf(Measures.SPECTRUM))
          .ifPresent(
              d ->
                  spectra.add(
                      new ChartGrid.Panel(
                          String.format(
                              Locale.ROOT,
                              "%s: trace ≈ %.4g, %d probes x %d Lanczos steps",
                              a.recipe().name(),
                              d.trace().mean(),
                              d.settings().probes(),
                              d.settings().lanczosSteps()),
                          "Hessian eigenvalue",
                          "density (log scale)",
                          Map.of(a.recipe().name(), new double[][] {d.grid(), d.density()}))));
    }
    if (!spectra.isEmpty()) {
      write(
          "hessian_spectrum.png",
          ChartGrid.render(
              "Hessian eigenvalue density (stochastic Lanczos quadrature), shared axes",
              spectra,
              new ChartGrid.Style(true, true, true),
              Math.min(2, spectra.size()),
              900,
              600));
    }
  }

  /**
   * Every run a point: its value of each measure against its generalization gap, one panel per
   * measure, the Kendall correlation over runs with its bootstrap interval in the panel title.
   */
  private static BufferedImage sharpnessVersusGap(
      List<RunMeasurements> runs, ProtocolVerdict verdict) {
    List<ChartGrid.Panel> panels = new ArrayList<>();
    for (MeasureVerdict m : verdict.measures()) {
      Map<String, double[][]> series = new LinkedHashMap<>();
      String unit = "";
      for (RunMeasurements r : runs) {
        Measure measure =
            r.values().keySet().stream()
                .filter(x -> x.key().equals(m.measure()))
                .findFirst()
                .orElse(null);
        if (measure == null) {
          continue;
        }
        unit = measure.unit();
        double[][] points = series.computeIfAbsent(r.recipe().name(), k -> new double[][] {{}, {}});
        points[0] = append(points[0], r.values().get(measure));
        points[1] = append(points[1], r.gap(GapKind.LOSS_GAP));
      }
      panels.add(
          new ChartGrid.Panel(
              m.label() + ": " + correlationText(m),
              m.label() + " (" + unit + ")",
              "generalization gap (test - train loss, nats)",
              series));
    }
    int columns = Math.min(panels.size(), panels.size() > 4 ? 3 : 2);
    return ChartGrid.render(
        "Sharpness vs generalization gap, every run a point, tau over settings' means ("
            + verdict.budget()
            + ")",
        panels,
        columns,
        900,
        650);
  }

  /**
   * How well each measure predicts {@code gap} across settings, one panel per measure: Jiang et
   * al.'s granulated tau along each axis and their mean Psi, the conditional mutual information
   * score, and Dziugaite et al.'s sign-error (mean and worst over coupled settings). Every score
   * lies in [-1, 1]; an undefined one is left out of its panel's title and drawn at 0.
   */
  private static BufferedImage generalizationScores(ProtocolVerdict verdict, GapKind gap) {
    List<String> scores = new ArrayList<>();
    verdict.axes().forEach(a -> scores.add("ψ along " + a));
    scores.addAll(List.of("Ψ (mean of the ψ)", "CMI", "sign-error, mean", "sign-error, worst"));
    List<String> measures = new ArrayList<>();
    double[][] values = new double[verdict.measures().size()][scores.size()];
    boolean undefined = false;
    int settings = 0;
    List<String> taus = new ArrayList<>();
    for (int m = 0; m < verdict.measures().size(); m++) {
      MeasureVerdict measure = verdict.measures().get(m);
      var p = measure.predictions().stream().filter(x -> x.gap() == gap).findFirst().orElseThrow();
      settings = Math.max(settings, p.settings());
      measures.add(measure.label());
      if (p.tau() != null) {
        taus.add(
            String.format(
                Locale.ROOT,
                "%s %.2f (%s)",
                measure.label(),
                p.tau(),
                p.testable() ? String.format(Locale.ROOT, "p %.2g", p.pValue()) : "not testable"));
      }
      List<Double> row = new ArrayList<>();
      p.psi().forEach(a -> row.add(a.psi()));
      row.add(p.psiOverall());
      row.add(p.cmi());
      row.add(p.signError().mean());
      row.add(p.signError().worst());
      for (int b = 0; b < scores.size(); b++) {
        Double v = row.get(b);
        undefined |= v == null;
        values[m][b] = v == null ? 0 : v;
      }
    }
    int rows = (scores.size() + 2) / 3;
    return SharpnessBarChart.render(
        "How well each measure predicts the "
            + gap.description()
            + " across "
            + settings
            + " settings ("
            + verdict.budget()
            + ")",
        "Kendall τ over settings: "
            + String.join("; ", taus)
            + ". ψ: τ over settings that differ only along one axis (Jiang et al.); CMI: their"
            + " conditional mutual information; sign-error: Dziugaite et al.'s, over settings"
            + " differing in one axis"
            + (undefined ? "; an undefined score is drawn at 0" : ""),
        "measure",
        measures,
        scores,
        values,
        null,
        "score",
        new double[] {-1, 1},
        1800,
        Math.max(760, 360 * rows + 220));
  }

  /**
   * Kendall's tau between every two measures (and the gaps) over the runs, on one fixed [-1, 1]
   * scale: measures that rank the runs alike are one piece of evidence, not several.
   */
  private static BufferedImage measureCorrelations(ProtocolVerdict verdict) {
    VerdictRecords.MeasureCorrelations c = verdict.correlations();
    int n = c.names().size();
    double[][] values = new double[n][n];
    String[][] text = new String[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Double tau = c.tau()[i][j];
        values[i][j] = tau == null ? Double.NaN : tau;
        text[i][j] = tau == null ? "–" : String.format(Locale.ROOT, "%.2f", tau);
      }
    }
    // Short names on the axes: a measure's label (S(0.1), λ_max, ...), a gap's own name.
    List<String> labels =
        c.names().stream()
            .map(
                key ->
                    verdict.measures().stream()
                        .filter(m -> m.measure().equals(key))
                        .map(MeasureVerdict::label)
                        .findFirst()
                        .orElse(key.replace('_', ' ')))
            .toList();
    // Numbers on the columns (the rows say which is which): long labels would overlap there.
    List<String> rowLabels = new ArrayList<>();
    List<String> columnLabels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rowLabels.add(labels.get(i) + "  (" + (i + 1) + ")");
      columnLabels.add(Integer.toString(i + 1));
    }
    int side = Math.max(700, 120 + 70 * n);
    return HeatMapGrid.render(
        "How alike the measures rank the runs: Kendall's tau over "
            + c.runs()
            + " runs ("
            + verdict.budget()
            + ")",
        List.of(
            new HeatMapGrid.HeatMap(
                "tau between measures and gaps (– : fewer than 3 runs with both)",
                "Kendall's tau",
                "measure",
                rowLabels,
                "measure (numbered as the rows)",
                columnLabels,
                values,
                text,
                new double[] {-1, 1})),
        1,
        side + 420,
        side);
  }

  /** Kendall's tau over settings with the loss gap, for the panel's title. */
  private static String correlationText(MeasureVerdict m) {
    return m.predictions().stream()
        .filter(p -> p.gap() == GapKind.LOSS_GAP)
        .findFirst()
        .map(
            p ->
                p.tau() == null
                    ? "tau over settings undefined"
                    : String.format(
                        Locale.ROOT,
                        "tau over %d settings %.2f [%.2f, %.2f]",
                        p.settings(),
                        p.tau(),
                        p.tauLow(),
                        p.tauHigh()))
        .orElse("");
  }

  private static double[] append(double[] values, double v) {
    double[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = v;
    return out;
  }

  /** All figures of a study but the verdict's. */
  public void run(StudyResults results) {
    List<SurfaceData> plain = new ArrayList<>();
    List<SurfaceData> annotated = new ArrayList<>();
    List<RecipeAggregate> aggregates = results.aggregates();
    for (RecipeAggregate a : aggregates) {
      ModelLandscape l = a.primary();
      plain.add(surface(a.recipe().name(), l.primary()));
      annotated.add(surface(annotatedTitle(a), l.primary()));
    }
    write(
        LandscapeFigureSet.sideBySide(
            plain, annotated, settingLine(results.samples()), output.logScale()));
    write("sharpness.png", sharpnessChart(aggregates));
    results
        .rawSlice()
        .ifPresent(
            raw -> {
              ModelLandscape filtered = aggregates.get(0).primary();
              write(
                  "raw_vs_filter.png",
                  LandscapeFigureSet.rawVersusFilter(
                      filtered.run().recipe(),
                      surface("raw", raw),
                      surface("filter", filtered.primary())));
            });

    // Twenty or sixty models' figures: drawn and encoded on every core (each its own image and
    // file), which halves the stage on two.
    results.landscapes().parallelStream().forEach(this::perModel);
    if (!results.trajectories().isEmpty()) {
      write("trajectory.png", PathFigures.trajectories(results.trajectories(), output.logScale()));
      for (ModelTrajectory t : results.trajectories()) {
        write(t.run().folder() + "/trajectory.png", PathFigures.trajectory(t, output.logScale()));
      }
    }
    if (!results.interpolations().isEmpty()) {
      interpolation(results.interpolations());
    }
  }

  /** The lines between pairs of minima: {@code interpolation.png}. */
  public void interpolation(List<PairInterpolation> pairs) {
    write("interpolation.png", PathFigures.interpolation(pairs));
  }

  /**
   * The same model sliced with batch norm in each mode ({@code landscape --compare-bn-modes}):
   * {@code bn_modes.png} and {@code bn_modes_3d.png}, first direction pair, one colour scale.
   */
  public void batchNormModes(List<ModelLandscape> byMode, List<String> modes) {
    List<SurfaceData> panels = new ArrayList<>();
    for (int i = 0; i < byMode.size(); i++) {
      ModelLandscape l = byMode.get(i);
      var last = l.report().entries().get(l.report().entries().size() - 1);
      panels.add(
          surface(
              String.format(
                  Locale.ROOT,
                  "--bn-mode %s: centre loss %.4f, S(%s) = %.3f",
                  modes.get(i),
                  l.primary().centreLoss(),
                  last.epsilon(),
                  last.interval().mean()),
              l.primary()));
    }
    String setting =
        String.format(
            Locale.ROOT,
            "%s directions, %d samples",
            settings.normalization().label(),
            byMode.get(0).primary().samples());
    write(LandscapeFigureSet.batchNormModes(panels, setting, output.logScale()));
  }

  /** The per-model figures: 3-D surface, contour map and the 1-D slices through the centre. */
  public void perModel(ModelLandscape l) {
    // The figure title names the model; the panel title says what was sliced and the key numbers.
    String panelTitle =
        String.format(
            Locale.ROOT,
            "%s directions, %d samples: centre loss %.4f, S(%s) = %.3f",
            settings.normalization().label(),
            l.primary().samples(),
            l.primary().centreLoss(),
            l.report().entries().get(l.report().entries().size() - 1).epsilon(),
            l.report().entries().get(l.report().entries().size() - 1).interval().mean());
    write(
        LandscapeFigureSet.perModel(
            l.run().folder(),
            surface(panelTitle, l.primary()),
            l.primary().spec().centreIndex(),
            output.logScale()));
  }

  private BufferedImage sharpnessChart(List<RecipeAggregate> aggregates) {
    List<String> names = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    settings.radii().forEach(e -> groups.add("ε = " + e));
    double[][] mean = new double[aggregates.size()][settings.radii().size()];
    double[][] half = new double[aggregates.size()][settings.radii().size()];
    boolean intervals = false;
    for (int m = 0; m < aggregates.size(); m++) {
      names.add(aggregates.get(m).recipe().name());
      for (int e = 0; e < settings.radii().size(); e++) {
        MeanInterval s = aggregates.get(m).sharpness(settings.radii().get(e));
        mean[m][e] = s.mean();
        half[m][e] = s.halfWidth();
        intervals |= s.n() > 1;
      }
    }
    return LandscapeFigureSet.sharpness(
        names,
        groups,
        mean,
        intervals ? half : null,
        intervals ? aggregates.get(0).describeIntervals() : null);
  }

  private String annotatedTitle(RecipeAggregate a) {
    double eps =
        settings.radii().contains(0.5) ? 0.5 : settings.radii().get(settings.radii().size() - 1);
    MeanInterval s = a.sharpness(eps);
    // One direction pair and one seed give no interval: "± 0.000" would claim a precise value.
    String interval =
        s.n() > 1 && s.finite() ? String.format(Locale.ROOT, " ± %.3f", s.halfWidth()) : "";
    return String.format(
        Locale.ROOT,
        "%s: test acc %.3f, S(%s) = %.3f%s",
        a.recipe().name(),
        a.testAccuracy().mean(),
        eps,
        s.mean(),
        interval);
  }

  private String settingLine(LandscapeSamples samples) {
    return String.format(
        Locale.ROOT,
        "%s directions, %d %s samples",
        settings.normalization().label(),
        samples.indices().length,
        samples.split().label());
  }

  private SurfaceData surface(String title, LandscapeGrid grid) {
    double[] c = grid.spec().coordinates();
    return new SurfaceData(title, c, c, grid.loss());
  }

  private void write(Map<String, BufferedImage> figures) {
    figures.forEach(this::write);
  }

  private void write(String relative, BufferedImage image) {
    Path target = output.directory().resolve(relative);
    AtomicFiles.write(target, PngEncoding.toBytes(image));
    LOG.debug("wrote {}", target);
  }
}
