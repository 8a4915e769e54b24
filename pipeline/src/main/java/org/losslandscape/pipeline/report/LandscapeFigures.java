package org.losslandscape.pipeline.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.plot.LandscapeFigureSet;
import org.losslandscape.pipeline.plot.PngEncoding;
import org.losslandscape.pipeline.plot.SurfaceData;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;

/**
 * Draws a results folder's landscape figures again from its files, for {@code loss-landscape
 * report}: the slices from the {@code .npy} arrays, the numbers in the titles and bars from
 * summary.json. The figures are composed as the study's {@code PlotStage} composes them ({@link
 * LandscapeFigureSet}); figures of other stages (the verdict's, the Hessian's, ...) need their own
 * data and are left as they are.
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
    boolean study = content.summary().weights() == null;
    if (study) {
      String setting = settingLine(sliced.get(0).summary().landscape());
      write(dir, LandscapeFigureSet.sideBySide(plain, annotated, setting, logScale), written);
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
    // The middle of the saved grid: where the default, symmetric grids hold the trained weights.
    write(
        dir,
        LandscapeFigureSet.perModel(
            r.name(), surface(panelTitle, slice), slice.size() / 2, logScale),
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
    return Optional.of(
        LandscapeFigureSet.sharpness(
            names,
            radii.stream().map(e -> "ε = " + e).toList(),
            means.toArray(double[][]::new),
            intervals ? halves.toArray(double[][]::new) : null,
            over));
  }

  /** The first recipe sliced with raw directions (the study saves that slice), if it is there. */
  private static Optional<BufferedImage> rawVersusFilter(ReportContent content, RecipeContent r) {
    Path folder = content.folder().recipeFolder(r.summary());
    return SliceArrays.read(folder.resolve("raw_directions"), folder)
        .map(
            raw ->
                LandscapeFigureSet.rawVersusFilter(
                    r.name(), surface("raw", raw), surface("filter", r.slice().get())));
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

  private static void write(Path dir, Map<String, BufferedImage> figures, List<String> written) {
    figures.forEach((relative, image) -> write(dir, relative, image, written));
  }

  private static void write(Path dir, String relative, BufferedImage image, List<String> written) {
    AtomicFiles.write(dir.resolve(relative), PngEncoding.toBytes(image));
    written.add(relative);
  }
}
