package org.losslandscape.pipeline.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.plot.ColorScale;
import org.losslandscape.pipeline.plot.PanelFigure;
import org.losslandscape.pipeline.plot.PanelKind;
import org.losslandscape.pipeline.plot.PngEncoding;
import org.losslandscape.pipeline.plot.SharpnessBarChart;
import org.losslandscape.pipeline.plot.SliceLinePlot;
import org.losslandscape.pipeline.plot.SurfaceData;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;

/**
 * Draws a results folder's landscape figures again from its files, for {@code loss-landscape
 * report}: the slices from the {@code .npy} arrays, the numbers in the titles and bars from
 * summary.json. The figures and their titles are those the study's {@code PlotStage} draws; figures
 * of other stages (the verdict's, the Hessian's, ...) need their own data and are left as they are.
 */
public final class LandscapeFigures {

  private static final Logger LOG = LogManager.getLogger(LandscapeFigures.class);

  private LandscapeFigures() {}

  /**
   * Redraws every landscape figure whose arrays are in the folder and returns the files written
   * (relative to it): the shared {@code surface_3d.png}, {@code contour.png}, {@code
   * comparison.png}, {@code sharpness.png} and {@code raw_vs_filter.png}, and each recipe's {@code
   * surface_3d.png}, {@code contour.png} and {@code slices_1d.png}.
   *
   * @param logScale a logarithmic colour scale, as the study's {@code --log-scale}
   */
  public static List<String> redraw(ReportContent content, boolean logScale) {
    Path dir = content.folder().directory();
    List<String> written = new ArrayList<>();
    List<RecipeContent> sliced =
        content.recipes().stream().filter(r -> r.slice().isPresent()).toList();
    if (sliced.isEmpty()) {
      return written;
    }
    List<SurfaceData> plain = new ArrayList<>();
    List<SurfaceData> annotated = new ArrayList<>();
    for (RecipeContent r : sliced) {
      plain.add(surface(r.name(), r.slice().get()));
      annotated.add(surface(annotatedTitle(r), r.slice().get()));
    }
    ColorScale shared = ColorScale.shared(plain, logScale);
    int cols = plain.size() == 4 ? 2 : Math.min(plain.size(), 3);
    String setting = settingLine(sliced.get(0).summary().landscape());
    boolean study = content.summary().weights() == null;
    if (study) {
      write(
          dir,
          "surface_3d.png",
          PanelFigure.grid(
              "Loss surface around each minimum — " + setting,
              plain,
              cols,
              shared,
              PanelKind.SURFACE_3D),
          written);
      write(
          dir,
          "contour.png",
          PanelFigure.grid(
              "Loss contours around each minimum (shared levels) — " + setting,
              plain,
              cols,
              shared,
              PanelKind.CONTOUR),
          written);
      write(
          dir,
          "comparison.png",
          PanelFigure.grid(
              "Which minimum is flatter? One colour scale — " + setting,
              annotated,
              cols,
              shared,
              PanelKind.CONTOUR),
          written);
      sharpnessChart(content).ifPresent(image -> write(dir, "sharpness.png", image, written));
      rawVersusFilter(content, sliced.get(0))
          .ifPresent(image -> write(dir, "raw_vs_filter.png", image, written));
    }
    for (RecipeContent r : sliced) {
      perModel(dir, r, logScale, written);
    }
    LOG.info("redrew {} figures from the arrays in {}", written.size(), dir);
    return written;
  }

  private static void perModel(Path dir, RecipeContent r, boolean logScale, List<String> written) {
    SliceArrays slice = r.slice().get();
    LandscapeSummary l = r.summary().landscape();
    String panelTitle =
        l == null
            ? r.name()
            : String.format(
                Locale.ROOT,
                "%s directions, %d samples: centre loss %.4f%s",
                l.normalization(),
                l.samples(),
                slice.centreLoss(),
                lastSharpness(r.summary()));
    SurfaceData data = surface(panelTitle, slice);
    ColorScale own = ColorScale.shared(List.of(data), logScale);
    String folder = r.name();
    write(
        dir,
        folder + "/surface_3d.png",
        PanelFigure.grid(folder + " — loss surface", List.of(data), 1, own, PanelKind.SURFACE_3D),
        written);
    write(
        dir,
        folder + "/contour.png",
        PanelFigure.grid(folder + " — loss contours", List.of(data), 1, own, PanelKind.CONTOUR),
        written);
    int c = slice.size() / 2;
    double[] alongD1 = new double[slice.size()];
    double[] alongD2 = new double[slice.size()];
    for (int i = 0; i < slice.size(); i++) {
      alongD1[i] = slice.loss()[i][c];
      alongD2[i] = slice.loss()[c][i];
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("along d1 (β = 0)", alongD1);
    series.put("along d2 (α = 0)", alongD2);
    write(
        dir,
        folder + "/slices_1d.png",
        SliceLinePlot.render(
            folder + " — 1-D slices through the trained weights",
            "step along the direction (direction units)",
            "loss (mean cross-entropy, nats)",
            slice.coordinates(),
            series,
            1200,
            800),
        written);
  }

  /** The model's own sharpness (over its direction pairs) at the largest radius, for a title. */
  private static String lastSharpness(RecipeSummary recipe) {
    if (recipe.sharpness() == null || recipe.sharpness().sliceOverPairs() == null) {
      return "";
    }
    String eps = null;
    for (String key : recipe.sharpness().sliceOverPairs().keySet()) {
      eps = key;
    }
    return eps == null
        ? ""
        : String.format(
            Locale.ROOT,
            ", S(%s) = %.3f",
            eps,
            recipe.sharpness().sliceOverPairs().get(eps).mean());
  }

  /** "name: test acc 0.880, S(0.5) = 0.297 ± 0.080", as the study titles its comparison panels. */
  private static String annotatedTitle(RecipeContent r) {
    List<String> radii = SharpnessEntry.radii(List.of(r.summary()));
    if (radii.isEmpty()) {
      return r.name();
    }
    String eps = radii.contains("0.5") ? "0.5" : radii.get(radii.size() - 1);
    SharpnessEntry s = SharpnessEntry.of(r.summary(), r.index(), eps).orElseThrow();
    Double accuracy =
        r.summary().overSeeds() != null && r.summary().overSeeds().testAccuracy() != null
            ? Double.valueOf(r.summary().overSeeds().testAccuracy().mean())
            : r.summary().testAccuracy();
    // One direction pair and one seed give no interval: "± 0.000" would claim a precise value.
    String interval =
        s.hasInterval() && s.n() > 1
            ? String.format(Locale.ROOT, " ± %.3f", (s.ci95High() - s.ci95Low()) / 2)
            : "";
    return String.format(
        Locale.ROOT,
        "%s: test acc %.3f, S(%s) = %.3f%s",
        r.name(),
        accuracy == null ? Double.NaN : accuracy,
        eps,
        s.mean(),
        interval);
  }

  private static Optional<BufferedImage> sharpnessChart(ReportContent content) {
    List<RecipeSummary> configs = content.summary().configs();
    List<String> radii = SharpnessEntry.radii(configs);
    List<String> names = new ArrayList<>();
    List<double[]> means = new ArrayList<>();
    List<double[]> halves = new ArrayList<>();
    boolean intervals = false;
    String over = null;
    for (int i = 0; i < configs.size(); i++) {
      double[] mean = new double[radii.size()];
      double[] half = new double[radii.size()];
      boolean any = false;
      for (int e = 0; e < radii.size(); e++) {
        var entry = SharpnessEntry.of(configs.get(i), i, radii.get(e));
        if (entry.isPresent()) {
          any = true;
          mean[e] = entry.get().mean();
          half[e] =
              entry.get().hasInterval()
                  ? (entry.get().ci95High() - entry.get().ci95Low()) / 2
                  : Double.NaN;
          intervals |= entry.get().n() > 1;
          over = entry.get().over().words();
        } else {
          mean[e] = Double.NaN;
          half[e] = Double.NaN;
        }
      }
      if (any) {
        names.add(configs.get(i).name());
        means.add(mean);
        halves.add(half);
      }
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    String bars =
        intervals
            ? "Bars: mean ± 95% interval over " + over
            : "Bars: one direction pair, one seed (use --direction-pairs or --seeds for error bars)";
    return Optional.of(
        SharpnessBarChart.render(
            "Slice sharpness S(ε) = max of L(α, β) − L(0, 0) over √(α² + β²) ≤ ε",
            bars + "; one panel per ε, each with its own y axis",
            names,
            radii.stream().map(e -> "ε = " + e).toList(),
            means.toArray(double[][]::new),
            intervals ? halves.toArray(double[][]::new) : null,
            "loss increase (nats)",
            1600,
            900));
  }

  /** The first recipe sliced with raw directions (the study saves that slice), if it is there. */
  private static Optional<BufferedImage> rawVersusFilter(ReportContent content, RecipeContent r) {
    Path folder = content.folder().recipeFolder(r.summary());
    return SliceArrays.read(folder.resolve("raw_directions"), folder)
        .map(
            raw -> {
              List<SurfaceData> panels =
                  List.of(
                      surface(r.name() + " — raw Gaussian directions", raw),
                      surface(r.name() + " — filter-normalized directions", r.slice().get()));
              // Raw directions reach losses orders of magnitude higher: only a log scale shows
              // both panels.
              return PanelFigure.grid(
                  "Same model, same random draw: raw vs filter-normalized directions (log colour"
                      + " scale)",
                  panels,
                  2,
                  ColorScale.shared(panels, true),
                  PanelKind.CONTOUR);
            });
  }

  private static String settingLine(LandscapeSummary l) {
    return l == null
        ? ""
        : String.format(
            Locale.ROOT, "%s directions, %d %s samples", l.normalization(), l.samples(), l.split());
  }

  private static SurfaceData surface(String title, SliceArrays slice) {
    return new SurfaceData(title, slice.coordinates(), slice.coordinates(), slice.loss());
  }

  private static void write(Path dir, String relative, BufferedImage image, List<String> written) {
    AtomicFiles.write(dir.resolve(relative), PngEncoding.toBytes(image));
    written.add(relative);
  }
}
